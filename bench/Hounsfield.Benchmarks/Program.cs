using BenchmarkDotNet.Running;
using Hounsfield.Benchmarks;

// Console verbs for the codec comparison scripts (bench/codecs/*.sh), else BenchmarkDotNet.
if (Jpeg2000Commands.TryRun(args) is { } j2kExit)
    return j2kExit;
if (CodecCommands.TryRun(args) is { } exitCode)
    return exitCode;
if (HtJ2kConsole.TryRun(args) is { } htExitCode)
    return htExitCode;
if (args.Length > 0 && args[0].StartsWith("jpeg-", StringComparison.Ordinal))
    return JpegConsole.Run(args);
// The host process writes the parse fixtures once; the benchmark processes it starts read them.
Fixtures.Generate();
BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
return 0;
