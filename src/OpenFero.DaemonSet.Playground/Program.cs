using OpenFero.DaemonSet.Hosting;
using OpenFero.DaemonSet.Playground;

// The simulated cluster and the server against it, in one command: dotnet run --project src/OpenFero.DaemonSet.Playground
return await CommandLineInvocation.RunAsync(PlaygroundCommand.Create(), args);
