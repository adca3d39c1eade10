using Hounsfield.Benchmarks;

// Console verbs for the codec comparison scripts (bench/codecs/*.sh), else BenchmarkDotNet.
if (CodecCommands.TryRun(args) is { } exitCode)
    return exitCode;
if (args.Length > 0 && args[0].StartsWith("jpeg-", StringComparison.Ordinal))
    return JpegConsole.Run(args);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
