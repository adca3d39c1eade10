using System.Diagnostics;
using System.Globalization;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Codecs;
using Hounsfield.Dicom.Codecs.Jpeg;

namespace Hounsfield.Benchmarks;

/// <summary>
/// Console verbs for bench/codecs/jpeg-vs-dcmtk.sh:
/// <c>jpeg-make DIR N [FRAMES]</c> writes N native 512×512 files (of FRAMES frames) per kind (ct16, rgb8) with our writer;
/// <c>jpeg-decode DIR [REPEAT]</c> decodes every encapsulated frame of DIR/*.dcm;
/// <c>jpeg-encode DIR SYNTAX [REPEAT]</c> encodes every native frame of DIR/*.dcm (SYNTAX: sv1 | baseline);
/// <c>jpeg-export DIR OUT</c> writes each frame of DIR/*.dcm as a file for other tools (bench/codecs/jpeg-vs-turbo.sh):
/// an encapsulated frame as its JPEG stream (.jpg), a native 8-bit RGB frame as a binary PPM (.ppm).
/// Both run REPEAT passes and print the best pass: codec-only time (wall, or CPU with JPEG_BENCH_CPU=1) and MB/s of native bytes.
/// </summary>
internal static class JpegConsole
{
    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "jpeg-make":
                Make(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
                return 0;
            case "jpeg-decode":
                return Decode(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
            case "jpeg-encode":
                return Encode(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
            case "jpeg-export":
                return Export(args[1], args[2]);
            default:
                Console.Error.WriteLine("usage: jpeg-make DIR N | jpeg-decode DIR [REPEAT] | jpeg-encode DIR sv1|baseline [REPEAT] | jpeg-export DIR OUT");
                return 2;
        }
    }

    private static void Make(string dir, int n, int frames)
    {
        foreach (var kind in new[] { "ct16", "rgb8" })
        {
            var d = Path.Combine(dir, kind);
            Directory.CreateDirectory(d);
            for (var i = 0; i < n; i++)
            {
                var info = kind == "ct16" ? new FrameInfo(512, 512, 1, 16, 16, false, 0, "MONOCHROME2") : new FrameInfo(512, 512, 3, 8, 8, false, 0, "RGB");
                var native = new byte[info.NativeFrameLength * frames];
                for (var f = 0; f < frames; f++)
                    (kind == "ct16" ? JpegSamples.CtLike(info, i * frames + f) : JpegSamples.Photo(info, i * frames + f)).CopyTo(native, f * info.NativeFrameLength);
                var ds = new DicomDataset();
                ds.Set(DicomTag.SOPClassUID, DicomUid.SecondaryCaptureImageStorage.Value);
                ds.Set(DicomTag.SOPInstanceUID, DicomUid.Generate().Value);
                ds.Set(DicomTag.Modality, "OT");
                if (frames > 1) ds.Set(DicomTag.NumberOfFrames, frames.ToString(CultureInfo.InvariantCulture));
                ds.Set(DicomTag.Rows, (ushort)info.Rows).Set(DicomTag.Columns, (ushort)info.Columns);
                ds.Set(DicomTag.SamplesPerPixel, (ushort)info.SamplesPerPixel);
                ds.Set(DicomTag.PhotometricInterpretation, info.PhotometricInterpretation);
                if (info.SamplesPerPixel == 3) ds.Set(DicomTag.PlanarConfiguration, (ushort)0);
                ds.Set(DicomTag.BitsAllocated, (ushort)info.BitsAllocated).Set(DicomTag.BitsStored, (ushort)info.BitsStored);
                ds.Set(DicomTag.HighBit, (ushort)(info.BitsStored - 1)).Set(DicomTag.PixelRepresentation, (ushort)0);
                ds.SetBytes(DicomTag.PixelData, info.BitsAllocated == 8 ? DicomVR.OB : DicomVR.OW, native);
                new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(Path.Combine(d, $"{i:D4}.dcm"));
            }
        }
    }

    private static List<(FrameInfo Info, DicomTransferSyntax Syntax, byte[] Frame)> Load(string dir)
    {
        var list = new List<(FrameInfo, DicomTransferSyntax, byte[])>();
        foreach (var path in Directory.GetFiles(dir, "*.dcm").Order(StringComparer.Ordinal))
        {
            var file = DicomFile.Open(path);
            var pixels = new DicomPixelData(file.Dataset);
            for (var f = 0; f < pixels.NumberOfFrames; f++)
                list.Add((FrameInfo.From(file.Dataset), file.TransferSyntax, pixels.GetFrame(f)));
        }
        return list;
    }

    /// <summary>Measure CPU time (user + system) instead of wall time: set JPEG_BENCH_CPU=1.</summary>
    private static readonly bool useCpu = Environment.GetEnvironmentVariable("JPEG_BENCH_CPU") == "1";

    private static int Decode(string dir, int repeat)
    {
        var files = Load(dir);
        var codec = new JpegCodec();
        long bytes = 0;
        // Warm up the JIT on the first file.
        var warm = new byte[files[0].Info.NativeFrameLength];
        codec.Decode(files[0].Syntax, files[0].Frame, files[0].Info, warm);
        var best = double.MaxValue;
        for (var r = 0; r < repeat; r++)
        {
            bytes = 0;
            var cpu = Process.GetCurrentProcess().UserProcessorTime + Process.GetCurrentProcess().PrivilegedProcessorTime;
            var sw = Stopwatch.StartNew();
            foreach (var (info, syntax, frame) in files)
            {
                var dest = new byte[info.NativeFrameLength];
                codec.Decode(syntax, frame, info, dest);
                bytes += dest.Length;
            }
            var wall = sw.Elapsed.TotalSeconds;
            var used = (Process.GetCurrentProcess().UserProcessorTime + Process.GetCurrentProcess().PrivilegedProcessorTime - cpu).TotalSeconds;
            best = Math.Min(best, useCpu ? used : wall);
        }
        Report("decode", files.Count, bytes, best);
        return 0;
    }

    private static int Encode(string dir, string syntaxName, int repeat)
    {
        var syntax = syntaxName == "baseline" ? JpegCodec.Baseline : JpegCodec.LosslessSV1;
        var files = Load(dir);
        var codec = new JpegCodec();
        long bytes = 0;
        codec.Encode(syntax, files[0].Frame, files[0].Info);
        var best = double.MaxValue;
        for (var r = 0; r < repeat; r++)
        {
            bytes = 0;
            var cpu = Process.GetCurrentProcess().UserProcessorTime + Process.GetCurrentProcess().PrivilegedProcessorTime;
            var sw = Stopwatch.StartNew();
            foreach (var (info, _, frame) in files)
            {
                codec.Encode(syntax, frame, info);
                bytes += frame.Length;
            }
            var wall = sw.Elapsed.TotalSeconds;
            var used = (Process.GetCurrentProcess().UserProcessorTime + Process.GetCurrentProcess().PrivilegedProcessorTime - cpu).TotalSeconds;
            best = Math.Min(best, useCpu ? used : wall);
        }
        Report("encode", files.Count, bytes, best);
        return 0;
    }

    private static int Export(string dir, string output)
    {
        Directory.CreateDirectory(output);
        var n = 0;
        foreach (var (info, syntax, frame) in Load(dir))
        {
            var name = Path.Combine(output, n++.ToString("D4", CultureInfo.InvariantCulture));
            if (syntax.IsEncapsulated)
            {
                File.WriteAllBytes(name + ".jpg", frame);
                continue;
            }
            if (info.SamplesPerPixel != 3 || info.BitsAllocated != 8) throw new InvalidOperationException("only 8-bit RGB native frames are written, as PPM");
            using var ppm = File.Create(name + ".ppm");
            ppm.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{info.Columns} {info.Rows}\n255\n"));
            ppm.Write(frame);
        }
        Console.WriteLine($"{n} frames written to {output}");
        return 0;
    }

    private static void Report(string what, int frames, long bytes, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {frames} frames, {bytes / 1e6:F1} MB native in {seconds:F3} s = {bytes / 1e6 / seconds:F1} MB/s"));
}
