using BenchmarkDotNet.Attributes;
using Hounsfield.Dicom;

namespace Hounsfield.Benchmarks;

/// <summary>Reading each fixture: metadata only (pixel data left in the source) and everything.</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private static readonly DicomReadOptions LoadEverything = new() { BulkDataThreshold = long.MaxValue };
    private byte[] _bytes = [];
    private string _path = "";

    [Params(Fixture.CT, Fixture.MultiFrame, Fixture.SR)]
    public Fixture File { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Fixtures.PathOf(File);
        _bytes = System.IO.File.ReadAllBytes(_path);
    }

    /// <summary><see cref="DicomFile.Read"/> from a MemoryStream; large values stay in the stream.</summary>
    [Benchmark(Baseline = true)]
    public DicomFile MetadataFromStream() => DicomFile.Read(new MemoryStream(_bytes, writable: false));

    /// <summary><see cref="DicomFile.Open"/> by path; large values stay in the file.</summary>
    [Benchmark]
    public DicomFile MetadataFromFile() => DicomFile.Open(_path);

    /// <summary>Every value, pixel data included, read into memory.</summary>
    [Benchmark]
    public DicomFile FullParse() => DicomFile.Read(new MemoryStream(_bytes, writable: false), LoadEverything);
}

/// <summary>Writing each fully loaded fixture to a stream in Explicit VR Little Endian.</summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private DicomFile _file = null!;
    private MemoryStream _output = null!;

    [Params(Fixture.CT, Fixture.MultiFrame, Fixture.SR)]
    public Fixture File { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bytes = System.IO.File.ReadAllBytes(Fixtures.PathOf(File));
        _file = DicomFile.Read(new MemoryStream(bytes), new DicomReadOptions { BulkDataThreshold = long.MaxValue });
        _output = new MemoryStream(bytes.Length + 4096);
    }

    [Benchmark]
    public long WriteExplicitLittleEndian()
    {
        _output.SetLength(0);
        _file.Save(_output, DicomTransferSyntax.ExplicitVRLittleEndian);
        return _output.Length;
    }
}

/// <summary>The typed accessors on the CT's data set.</summary>
[MemoryDiagnoser]
public class AccessorBenchmarks
{
    private DicomDataset _ct = null!;

    [GlobalSetup]
    public void Setup() => _ct = DicomFile.Open(Fixtures.PathOf(Fixture.CT)).Dataset;

    [Benchmark]
    public string? GetStringPatientName() => _ct.GetString(DicomTag.PatientName);

    [Benchmark]
    public string? GetStringStudyInstanceUid() => _ct.GetString(DicomTag.StudyInstanceUID);

    [Benchmark]
    public string? GetStringMissing() => _ct.GetString(DicomTag.PatientMotherBirthName);

    [Benchmark]
    public ushort GetValueRows() => _ct.GetValue<ushort>(DicomTag.Rows);

    [Benchmark]
    public double GetValueSliceThickness() => _ct.GetValue<double>(DicomTag.SliceThickness);

    [Benchmark]
    public double GetValuePixelSpacing1() => _ct.GetValue<double>(DicomTag.PixelSpacing, 1);

    [Benchmark]
    public int GetValueInstanceNumber() => _ct.GetValue<int>(DicomTag.InstanceNumber);

    [Benchmark]
    public DateOnly GetValueStudyDate() => _ct.GetValue<DateOnly>(DicomTag.StudyDate);

    [Benchmark]
    public double[] GetValuesImagePosition() => _ct.GetValues<double>(DicomTag.ImagePositionPatient);

    [Benchmark]
    public DicomPersonName? GetPersonName() => _ct.GetPersonName(DicomTag.PatientName);
}
