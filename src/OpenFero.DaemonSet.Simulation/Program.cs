Console.Error.WriteLine("The simulated cluster's host is not wired yet.");
return 2;
