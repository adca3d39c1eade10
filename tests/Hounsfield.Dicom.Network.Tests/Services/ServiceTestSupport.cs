using System.Collections.Concurrent;
using System.Net;
using Hounsfield.Dicom.Network.Dimse;
using Hounsfield.Dicom.Network.Tests.Association;

namespace Hounsfield.Dicom.Network.Tests.Services;

/// <summary>
/// A folder of its own and helpers to run a <see cref="DicomHost"/> on 127.0.0.1 (port 0) and make
/// instances in any syntax. Tests derive from it; the folder is removed afterwards.
/// </summary>
public abstract class ServiceTestBase : IAsyncLifetime
{
    public const string CT = "1.2.840.10008.5.1.4.1.1.2";
    public const string MR = "1.2.840.10008.5.1.4.1.1.4";
    public const string RleLossless = "1.2.840.10008.1.2.5";
    public const string StudyRootFind = "1.2.840.10008.5.1.4.1.2.2.1";
    public const string StudyRootGet = "1.2.840.10008.5.1.4.1.2.2.3";

    public static readonly TimeSpan Timeout = NetworkTestHelpers.TestTimeout;

    private readonly List<IAsyncDisposable> _owned = [];

    protected ServiceTestBase()
    {
        Folder = Directory.CreateTempSubdirectory("hounsfield-dimse-").FullName;
        ReceiveFolder = Directory.CreateDirectory(Path.Combine(Folder, "incoming")).FullName;
    }

    /// <summary>Scratch folder for this test.</summary>
    protected string Folder { get; }

    /// <summary>The host's <see cref="DicomHostOptions.ReceiveDirectory"/>: must be empty once stores are answered.</summary>
    protected string ReceiveFolder { get; }

    /// <summary>What the host logged.</summary>
    protected ConcurrentQueue<string> HostLog { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    protected DicomHostOptions HostOptions(string aet = "HOUNSFIELD") => new()
    {
        AETitle = aet,
        Port = 0,
        BindAddress = IPAddress.Loopback,
        ReceiveDirectory = ReceiveFolder,
        Listener = new DicomListenerOptions { Association = NetworkTestHelpers.FastOptions() },
        Log = HostLog.Enqueue,
    };

    /// <summary>Starts a host made by <paramref name="configure"/>; disposed with the test.</summary>
    protected async Task<DicomHost> StartHostAsync(Action<DicomHost> configure, DicomHostOptions? options = null)
    {
        var host = Own(new DicomHost(options ?? HostOptions()));
        configure(host);
        await host.StartAsync();
        return host;
    }

    protected static string PeerOf(DicomHost host, string aet = "HOUNSFIELD") =>
        $"{aet}@127.0.0.1:{host.Endpoints[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    protected static DicomClientOptions ClientOptions(string calling = "TESTSCU")
    {
        var options = new DicomClientOptions { CallingAETitle = calling, Association = NetworkTestHelpers.FastOptions() };
        options.Association.DimseTimeout = Timeout;
        return options;
    }

    protected async Task<DicomClient> ConnectAsync(DicomHost host, DicomClientOptions options) =>
        Own(await DicomClient.ConnectAsync(PeerOf(host), options).WaitAsync(Timeout));

    /// <summary>A small CT image: 8 × 6, 16 bits, with a private element and a sequence.</summary>
    public static DicomDataset CtDataset(string? instanceUid = null, int rows = 6, int columns = 8)
    {
        var ds = new DicomDataset()
            .Set(DicomTag.SpecificCharacterSet, "ISO_IR 100")
            .Set(DicomTag.SOPClassUID, CT)
            .Set(DicomTag.SOPInstanceUID, instanceUid ?? DicomUid.Generate().Value)
            .Set(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.1")
            .Set(DicomTag.SeriesInstanceUID, "1.2.826.0.1.3680043.2.1125.2")
            .Set(DicomTag.Modality, "CT")
            .Set(DicomTag.PatientName, "Müller^Jürgen")
            .Set(DicomTag.PatientID, "PID-42")
            .Set(DicomTag.StudyDate, "20240229")
            .Set(DicomTag.SliceThickness, 1.25)
            .Set(DicomTag.SamplesPerPixel, (ushort)1)
            .Set(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Set(DicomTag.Rows, (ushort)rows)
            .Set(DicomTag.Columns, (ushort)columns)
            .Set(DicomTag.BitsAllocated, (ushort)16)
            .Set(DicomTag.BitsStored, (ushort)12)
            .Set(DicomTag.HighBit, (ushort)11)
            .Set(DicomTag.PixelRepresentation, (ushort)0);
        ds.SetSequence(DicomTag.ReferencedImageSequence,
            new DicomDataset().Set(DicomTag.ReferencedSOPClassUID, CT).Set(DicomTag.ReferencedSOPInstanceUID, "1.2.3.4"));
        var pixels = new byte[rows * columns * 2];
        for (var i = 0; i < pixels.Length; i += 2)
        {
            pixels[i] = (byte)(i / 2);
            pixels[i + 1] = (byte)((i / 2) >> 8 & 0x0F);
        }
        ds.SetBytes(DicomTag.PixelData, DicomVR.OW, pixels);
        return ds;
    }

    /// <summary>An RLE Lossless instance with two fragments (contents are opaque to the network).</summary>
    public static DicomDataset EncapsulatedDataset(string? instanceUid = null)
    {
        var ds = CtDataset(instanceUid);
        ds.Remove(DicomTag.PixelData);
        var fragments = new DicomFragments();
        fragments.Add(new DicomFragment(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray()));
        fragments.Add(new DicomFragment(Enumerable.Range(0, 38).Select(i => (byte)(255 - i)).ToArray()));
        ds.Set(DicomTag.PixelData, fragments);
        return ds;
    }

    /// <summary>Writes <paramref name="dataset"/> in <paramref name="syntax"/> and opens it (pixel data left on disk).</summary>
    protected DicomFile SaveAndOpen(DicomDataset dataset, DicomTransferSyntax syntax, string? name = null)
    {
        var path = Path.Combine(Folder, name ?? $"{Guid.NewGuid():N}.dcm");
        new DicomFile(dataset).Save(path, syntax);
        return DicomFile.Open(path);
    }

    /// <summary>The encoded data set of a Part 10 file: everything after the File Meta Information.</summary>
    public static byte[] DatasetBytes(string path)
    {
        var file = DicomFile.Open(path);
        Assert.True(file.DatasetOffset > 0, $"no data set offset for {path}");
        var all = File.ReadAllBytes(path);
        return all[(int)file.DatasetOffset..];
    }

    /// <summary>Asserts both data sets hold the same elements with the same values (as little-endian bytes), sequences and fragments included.</summary>
    public static void AssertSameValues(DicomDataset expected, DicomDataset actual, string path = "")
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.True(e.Select(x => x.Tag).SequenceEqual(a.Select(x => x.Tag)),
            $"{path}: tags differ: expected {string.Join(",", e.Select(x => x.Tag))}, got {string.Join(",", a.Select(x => x.Tag))}");
        for (var i = 0; i < e.Count; i++)
        {
            var where = $"{path}{e[i].Tag}";
            if (e[i].Sequence is { } seq)
            {
                var other = a[i].Sequence;
                Assert.True(other is not null, $"{where}: not a sequence");
                Assert.Equal(seq.Count, other!.Count);
                for (var j = 0; j < seq.Count; j++) AssertSameValues(seq[j], other[j], $"{where}[{j}]/");
            }
            else if (e[i].Fragments is { } fragments)
            {
                var other = a[i].Fragments;
                Assert.True(other is not null, $"{where}: not encapsulated");
                Assert.Equal(fragments.Count, other!.Count);
                for (var j = 0; j < fragments.Count; j++) Assert.Equal(fragments[j].GetBytes().ToArray(), other[j].GetBytes().ToArray());
            }
            else
            {
                Assert.True(expected.GetBytes(e[i].Tag).Span.SequenceEqual(actual.GetBytes(a[i].Tag).Span), $"{where}: values differ");
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the timeout passes.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    protected string[] ReceivedTempFiles() => Directory.GetFiles(ReceiveFolder);
}
