if (args.Length > 0 && args[0].StartsWith("jpeg-", StringComparison.Ordinal))
    return Hounsfield.Benchmarks.JpegConsole.Run(args);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
