using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg2000;
using Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput;

namespace Hounsfield.Benchmarks;

/// <summary>
/// Console verbs for bench/codecs/htj2k-vs-openjph.sh:
/// <c>htj2k-make DIR N</c> writes N CT-like 512×512 16-bit frames as DIR/ctNNN.pgm (for ojph_compress);
/// <c>htj2k-run DIR OJPHDIR [REPEAT] [ONLY]</c> times, over those frames, our HTJ2K lossless encode and decode,
/// our decode of OpenJPH's code streams (OJPHDIR/ctNNN.j2c) and our JPEG 2000 (EBCOT) lossless encode and
/// decode; best of REPEAT passes after ten warm-up passes, CPU time (one thread: the codecs run code-blocks in
/// parallel, so CPU time is the fair single-core figure) and MB/s of native bytes. ONLY (e.g. <c>htj2k-decode</c>)
/// restricts the run to the measurements whose name starts with it, for profiling.
/// <c>htj2k-blocks [REPEAT]</c> times the HT block coder alone on 64×64 blocks of Laplacian wavelet-like
/// coefficients (one thread, no tier-2 or wavelet), in MB/s of 16-bit samples.
/// </summary>
internal static class HtJ2kConsole
{
    private static readonly FrameInfo Info = BenchImages.Ct512;

    public static int? TryRun(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "htj2k-make":
                Make(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                return 0;
            case "htj2k-blocks":
                Blocks(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
                return 0;
            case "htj2k-run":
                Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3, args.Length > 4 ? args[4] : "");
                return 0;
            default:
                return null;
        }
    }

    private static void Make(string dir, int count)
    {
        Directory.CreateDirectory(dir);
        for (var n = 0; n < count; n++)
        {
            var native = BenchImages.MakeCt(n + 1);
            using var file = File.Create(Path.Combine(dir, $"ct{n:D3}.pgm"));
            file.Write(Encoding.ASCII.GetBytes($"P5\n{Info.Columns} {Info.Rows}\n65535\n"));
            for (var i = 0; i < native.Length; i += 2)
            {
                file.WriteByte(native[i + 1]);
                file.WriteByte(native[i]);
            }
        }
    }

    private static void Run(string dir, string ojphDir, int repeat, string only)
    {
        void Time(string what, long bytes, int repeat, Action action)
        {
            if (what.StartsWith(only, StringComparison.Ordinal) || (only.Length > 0 && only.StartsWith(what, StringComparison.Ordinal)))
                Measure(what, bytes, repeat, action);
        }

        var frames = Directory.GetFiles(dir, "ct*.pgm").Order(StringComparer.Ordinal).Select(ReadPgm).ToArray();
        var ojph = Directory.GetFiles(ojphDir, "ct*.j2c").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var ht = new HtJpeg2000Codec();
        var j2k = new Jpeg2000Codec();
        var output = new byte[Info.NativeFrameLength];
        var bytes = (long)frames.Length * Info.NativeFrameLength;

        var htCoded = frames.Select(f => ht.Encode(HtJpeg2000Codec.HtJpeg2000Lossless, f, Info)).ToArray();
        Time("htj2k-encode", bytes, repeat, () => htCoded = frames.Select(f => ht.Encode(HtJpeg2000Codec.HtJpeg2000Lossless, f, Info)).ToArray());
        Console.WriteLine($"  ratio {(double)bytes / htCoded.Sum(c => c.Length):F2}:1");
        Time("htj2k-decode", bytes, repeat, () => { foreach (var c in htCoded) ht.Decode(HtJpeg2000Codec.HtJpeg2000Lossless, c, Info, output); });
        Time("htj2k-decode-ojph-streams", (long)ojph.Length * Info.NativeFrameLength, repeat, () => { foreach (var c in ojph) ht.Decode(HtJpeg2000Codec.HtJpeg2000Lossless, c, Info, output); });
        var j2kCoded = only.StartsWith("j2k", StringComparison.Ordinal) || only.Length == 0
            ? frames.Select(f => j2k.Encode(Jpeg2000Codec.Jpeg2000Lossless, f, Info)).ToArray()
            : [];
        Time("j2k-encode", bytes, repeat, () => j2kCoded = frames.Select(f => j2k.Encode(Jpeg2000Codec.Jpeg2000Lossless, f, Info)).ToArray());
        Console.WriteLine($"  ratio {(double)bytes / j2kCoded.Sum(c => c.Length):F2}:1");
        Time("j2k-decode", bytes, repeat, () => { foreach (var c in j2kCoded) j2k.Decode(Jpeg2000Codec.Jpeg2000Lossless, c, Info, output); });
    }

    private static void Blocks(int repeat)
    {
        var random = new Random(1);
        var blocks = new int[256][];
        for (var b = 0; b < blocks.Length; b++)
        {
            var block = blocks[b] = new int[64 * 64];
            var scale = 1 << (b % 6);
            for (var i = 0; i < block.Length; i++)
                block[i] = (int)Math.Round(-scale * Math.Log(1 - random.NextDouble()) * (random.Next(2) == 0 ? 1 : -1));
        }
        var encoder = new Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput.HtBlockEncoder();
        var decoder = new Hounsfield.Dicom.Codecs.Jpeg2000.HighThroughput.HtBlockDecoder();
        var encoded = blocks.Select(b => encoder.Encode(b, 64, 64, 16, Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.SubbandOrientation.HH)).ToArray();
        var samples = new int[64 * 64];
        // As native bytes of 16-bit samples, like the image measurements.
        var count = (long)blocks.Length * 64 * 64 * 2;
        Measure("htj2k-block-encode", count, repeat, () =>
        {
            foreach (var b in blocks) encoder.Encode(b, 64, 64, 16, Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.SubbandOrientation.HH);
        });
        Measure("htj2k-block-decode", count, repeat, () =>
        {
            foreach (var e in encoded)
            {
                var input = new Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.CodeBlockInput(e.Data, [new(e.Data.Length, 1)], 1, e.ZeroBitPlanes, 16, 64, 64,
                    Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.SubbandOrientation.HH, Hounsfield.Dicom.Codecs.Jpeg2000.Tier1.CodeBlockStyle.HighThroughput);
                decoder.Decode(input, samples);
            }
        });
    }

    private static void Measure(string what, long bytes, int repeat, Action action)
    {
        // Warm-up passes let tiered compilation reach its optimised code (fewer than ten left some of it unoptimised).
        for (var i = 0; i < 10; i++) action();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < repeat; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            action();
            var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (spent < best) best = spent;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hounsfield {what}: {bytes / 1e6:F1} MB in {best.TotalMilliseconds:F0} ms CPU = {bytes / 1e6 / best.TotalSeconds:F1} MB/s"));
    }

    private static byte[] ReadPgm(string path)
    {
        var data = File.ReadAllBytes(path);
        var native = new byte[Info.NativeFrameLength];
        var start = data.Length - native.Length;
        for (var i = 0; i < native.Length; i += 2)
        {
            native[i] = data[start + i + 1];
            native[i + 1] = data[start + i];
        }
        return native;
    }
}
