using Hounsfield.Benchmarks;

if (CodecCommands.TryRun(args) is { } exitCode)
    return exitCode;
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
