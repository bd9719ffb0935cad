Console.WriteLine("usage: dotnet run -c Release --project tests/OpenFero.DaemonSet.Benchmarks -- <benchmark>");
