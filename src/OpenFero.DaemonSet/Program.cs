using OpenFero.DaemonSet.Hosting;

return await CommandLine.RunAsync(args);
