using System.Diagnostics;
using System.Globalization;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg2000;

namespace Hounsfield.Benchmarks;

/// <summary>
/// Console entries used by bench/codecs/jpeg2000-vs-openjpeg.sh (frames as raw files, which is what
/// opj_compress reads):
/// <c>jpeg2000-images DIR COUNT [ct16|rgb8]</c> writes 512×512 frames as planar little-endian .rawl files,
/// <c>jpeg2000-decode DIR [ct16|rgb8]</c> decodes every .j2k code stream in DIR,
/// <c>jpeg2000-encode DIR OUTDIR [ct16|rgb8] [RATIO]</c> encodes every .rawl frame (RATIO 0 = lossless).
/// Each prints the uncompressed megabytes and the best codec time of three passes after a warm-up.
/// </summary>
public static class Jpeg2000Commands
{
    public static int? TryRun(string[] args)
    {
        if (args.Length == 0) return null;
        switch (args[0])
        {
            case "jpeg2000-images":
                Images(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : "ct16");
                return 0;
            case "jpeg2000-decode":
                Decode(args[1], args.Length > 2 ? args[2] : "ct16");
                return 0;
            case "jpeg2000-encode":
                Encode(args[1], args[2], args.Length > 3 ? args[3] : "ct16", args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0);
                return 0;
            default:
                return null;
        }
    }

    private static FrameInfo Info(string kind) => kind == "rgb8" ? BenchImages.Rgb512 : BenchImages.Ct512;

    private static void Images(string dir, int count, string kind)
    {
        Directory.CreateDirectory(dir);
        var info = Info(kind);
        for (var n = 0; n < count; n++)
        {
            var native = kind == "rgb8" ? BenchImages.MakeRgb(n + 1) : BenchImages.MakeCt(n + 1);
            File.WriteAllBytes(Path.Combine(dir, $"{kind}-{n:D3}.rawl"), ToPlanar(info, native));
        }
    }

    private static byte[] ToPlanar(FrameInfo info, byte[] native)
    {
        int n = info.SamplesPerPixel, size = info.BitsAllocated / 8, count = info.Rows * info.Columns;
        var result = new byte[native.Length];
        for (var c = 0; c < n; c++)
            for (var i = 0; i < count; i++)
                for (var b = 0; b < size; b++)
                    result[(c * count + i) * size + b] = native[(i * n + c) * size + b];
        return result;
    }

    private static byte[] FromPlanar(FrameInfo info, byte[] planar)
    {
        int n = info.SamplesPerPixel, size = info.BitsAllocated / 8, count = info.Rows * info.Columns;
        var result = new byte[planar.Length];
        for (var c = 0; c < n; c++)
            for (var i = 0; i < count; i++)
                for (var b = 0; b < size; b++)
                    result[(i * n + c) * size + b] = planar[(c * count + i) * size + b];
        return result;
    }

    private static void Decode(string dir, string kind)
    {
        var info = Info(kind);
        var streams = Directory.GetFiles(dir, "*.j2k").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var codec = new Jpeg2000Codec();
        var destination = new byte[info.NativeFrameLength];
        var time = Best(() =>
        {
            foreach (var s in streams) codec.Decode(Jpeg2000Codec.Jpeg2000, s, info, destination);
        });
        Report("decode", streams.Length * info.NativeFrameLength, time, streams.Sum(s => (long)s.Length));
    }

    private static void Encode(string dir, string outDir, string kind, double ratio)
    {
        Directory.CreateDirectory(outDir);
        var info = Info(kind);
        var paths = Directory.GetFiles(dir, "*.rawl").Order(StringComparer.Ordinal).ToArray();
        var frames = paths.Select(p => FromPlanar(info, File.ReadAllBytes(p))).ToArray();
        var codec = new Jpeg2000Codec();
        var syntax = ratio > 0 ? Jpeg2000Codec.Jpeg2000 : Jpeg2000Codec.Jpeg2000Lossless;
        var parameters = new DicomCodecParameters { CompressionRatio = ratio };
        var encoded = new byte[frames.Length][];
        var time = Best(() =>
        {
            for (var i = 0; i < frames.Length; i++) encoded[i] = codec.Encode(syntax, frames[i], info, parameters);
        });
        for (var i = 0; i < paths.Length; i++) File.WriteAllBytes(Path.Combine(outDir, Path.ChangeExtension(Path.GetFileName(paths[i]), ".j2k")), encoded[i]);
        Report("encode", frames.Length * info.NativeFrameLength, time, encoded.Sum(e => (long)e.Length));
    }

    // One warm-up pass (JIT), then the best of three; CPU time when HF_BENCH_CPU=1, else wall time.
    private static TimeSpan Best(Action pass)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 4; i++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            pass();
            var elapsed = Environment.GetEnvironmentVariable("HF_BENCH_CPU") == "1" ? Process.GetCurrentProcess().TotalProcessorTime - cpu0 : watch.Elapsed;
            if (i > 0 && elapsed < best) best = elapsed;
        }
        return best;
    }

    private static void Report(string what, long bytes, TimeSpan time, long compressed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hounsfield jpeg2000-{what}: {bytes / 1e6:F1} MB in {time.TotalMilliseconds:F0} ms = {bytes / 1e6 / time.TotalSeconds:F1} MB/s, ratio {(double)bytes / compressed:F2}:1"));
}
