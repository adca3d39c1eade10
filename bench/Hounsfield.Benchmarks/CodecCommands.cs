using System.Diagnostics;
using System.Globalization;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.JpegLs;

namespace Hounsfield.Benchmarks;

/// <summary>
/// Console entries used by bench/codecs/jpegls-vs-dcmtk.sh:
/// <c>make-images DIR COUNT FRAMES [ct16|rgb8]</c> writes uncompressed 512×512 files,
/// <c>jpegls-decode DIR</c> decodes every JPEG-LS file in DIR,
/// <c>jpegls-encode DIR OUTDIR</c> encodes every uncompressed file in DIR as JPEG-LS lossless.
/// Each prints the uncompressed megabytes and the best codec time of three passes after a warm-up (file I/O excluded and reported apart).
/// </summary>
public static class CodecCommands
{
    public static int? TryRun(string[] args)
    {
        if (args.Length == 0)
            return null;
        switch (args[0])
        {
            case "make-images":
                MakeImages(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture),
                    args.Length > 4 ? args[4] : "ct16");
                return 0;
            case "jpegls-decode":
                Decode(args[1]);
                return 0;
            case "jpegls-encode":
                Encode(args[1], args[2]);
                return 0;
            default:
                return null;
        }
    }

    private static void MakeImages(string dir, int count, int frames, string kind)
    {
        var rgb = kind == "rgb8";
        var info = rgb ? BenchImages.Rgb512 : BenchImages.Ct512;
        var frameLength = (int)info.NativeFrameLength;
        Directory.CreateDirectory(dir);
        for (var n = 0; n < count; n++)
        {
            var ds = new DicomDataset();
            ds.Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value);
            ds.Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value);
            ds.Set(DicomTag.StudyInstanceUID, DicomUid.Generate().Value);
            ds.Set(DicomTag.SeriesInstanceUID, DicomUid.Generate().Value);
            ds.Set(DicomTag.Modality, "OT");
            ds.Set(DicomTag.Rows, (ushort)512).Set(DicomTag.Columns, (ushort)512);
            ds.Set(DicomTag.SamplesPerPixel, (ushort)info.SamplesPerPixel);
            ds.Set(DicomTag.PhotometricInterpretation, info.PhotometricInterpretation);
            if (rgb)
                ds.Set(DicomTag.PlanarConfiguration, (ushort)0);
            ds.Set(DicomTag.BitsAllocated, (ushort)info.BitsAllocated).Set(DicomTag.BitsStored, (ushort)info.BitsStored);
            ds.Set(DicomTag.HighBit, (ushort)(info.BitsStored - 1));
            ds.Set(DicomTag.PixelRepresentation, (ushort)0);
            ds.Set(DicomTag.NumberOfFrames, frames);
            var pixels = new byte[frames * frameLength];
            for (var f = 0; f < frames; f++)
                (rgb ? BenchImages.MakeRgb(n * 1000 + f) : BenchImages.MakeCt(n * 1000 + f)).CopyTo(pixels, f * frameLength);
            ds.SetBytes(DicomTag.PixelData, rgb ? DicomVR.OB : DicomVR.OW, pixels);
            new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(Path.Combine(dir, $"{kind}-{n:D3}.dcm"));
        }
    }

    private static void Decode(string dir)
    {
        var io = Stopwatch.StartNew();
        var jobs = new List<(IDicomCodec Codec, DicomTransferSyntax Syntax, FrameInfo Info, byte[][] Frames)>();
        foreach (var path in Directory.GetFiles(dir, "*.dcm").Order(StringComparer.Ordinal))
        {
            var file = DicomFile.Open(path);
            var info = FrameInfo.From(file.Dataset);
            var pixels = new DicomPixelData(file.Dataset);
            jobs.Add((DicomCodecRegistry.Get(file.TransferSyntax), file.TransferSyntax, info,
                Enumerable.Range(0, pixels.NumberOfFrames).Select(pixels.GetFrame).ToArray()));
        }
        io.Stop();
        // One warm-up pass (JIT), then the best of three timed passes.
        long bytes = 0;
        var time = TimeSpan.MaxValue;
        for (var pass = 0; pass < 4; pass++)
        {
            bytes = 0;
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var (codec, syntax, info, frames) in jobs)
            {
                var destination = new byte[info.NativeFrameLength];
                foreach (var frame in frames)
                {
                    codec.Decode(syntax, frame, info, destination);
                    bytes += destination.Length;
                }
            }
            var elapsed = Measure(watch, cpu0);
            if (pass > 0 && elapsed < time)
                time = elapsed;
        }
        Report("decode", bytes, time, io.Elapsed);
    }

    private static void Encode(string dir, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var io = Stopwatch.StartNew();
        var jobs = new List<(string Name, DicomFile File, FrameInfo Info, byte[][] Frames)>();
        foreach (var path in Directory.GetFiles(dir, "*.dcm").Order(StringComparer.Ordinal))
        {
            var file = DicomFile.Open(path);
            var info = FrameInfo.From(file.Dataset);
            var pixels = new DicomPixelData(file.Dataset);
            jobs.Add((Path.GetFileName(path), file, info, Enumerable.Range(0, pixels.NumberOfFrames).Select(pixels.GetFrame).ToArray()));
        }
        io.Stop();
        var codec = new JpegLsCodec();
        long bytes = 0, compressed = 0;
        var time = TimeSpan.MaxValue;
        var results = new List<byte[][]>();
        for (var pass = 0; pass < 4; pass++)
        {
            bytes = compressed = 0;
            results.Clear();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var (_, _, info, frames) in jobs)
            {
                var encoded = new byte[frames.Length][];
                for (var f = 0; f < frames.Length; f++)
                {
                    encoded[f] = codec.Encode(JpegLsCodec.JpegLsLossless, frames[f], info);
                    bytes += frames[f].Length;
                    compressed += encoded[f].Length;
                }
                results.Add(encoded);
            }
            var elapsed = Measure(watch, cpu0);
            if (pass > 0 && elapsed < time)
                time = elapsed;
        }
        io.Start();
        for (var i = 0; i < jobs.Count; i++)
        {
            var ds = jobs[i].File.Dataset;
            var fragments = new DicomFragments();
            foreach (var e in results[i])
                fragments.Add(new DicomFragment(e));
            ds.Set(DicomTag.PixelData, fragments);
            new DicomFile(ds, JpegLsCodec.JpegLsLossless).Save(Path.Combine(outDir, jobs[i].Name));
        }
        io.Stop();
        Report("encode", bytes, time, io.Elapsed);
        Console.WriteLine($"ratio {(double)bytes / compressed:F2}:1");
    }

    /// <summary>CPU time of the pass when HF_BENCH_CPU=1 (robust on a loaded machine), else wall time.</summary>
    private static TimeSpan Measure(Stopwatch watch, TimeSpan cpu0) =>
        Environment.GetEnvironmentVariable("HF_BENCH_CPU") == "1" ? Process.GetCurrentProcess().TotalProcessorTime - cpu0 : watch.Elapsed;

    private static void Report(string what, long bytes, TimeSpan time, TimeSpan io) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hounsfield jpegls-{what}: {bytes / 1e6:F1} MB in {time.TotalMilliseconds:F0} ms = {bytes / 1e6 / time.TotalSeconds:F1} MB/s (file I/O {io.TotalMilliseconds:F0} ms)"));
}
