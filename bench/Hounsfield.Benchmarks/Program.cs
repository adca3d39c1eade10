using BenchmarkDotNet.Running;
using Hounsfield.Benchmarks;

// The host process writes the fixtures once; the benchmark processes it starts read them.
Fixtures.Generate();
BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args);
