namespace Hounsfield.Interop.Tests.Serialization;

/// <summary>DICOM files made by DCMTK's dump2dcm from dumps, once per test class, in a temporary folder.</summary>
public sealed class DcmtkSamples : IDisposable
{
    // Every VR, empty values, empty and nested items, PN groups, a private block, UTF-8 text.
    private const string Rich = """
        (0008,0005) CS [ISO_IR 192]
        (0008,0008) CS [ORIGINAL\\AXIAL]
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
        (0008,0018) UI [1.2.826.0.1.3680043.9.7433.1.1]
        (0008,0020) DA [20240229]
        (0008,0030) TM [235959.5]
        (0008,002a) DT [20240229123456.123456+0100]
        (0008,0054) AE [STORESCP\ARCHIVE]
        (0008,0050) SH [ACCé]
        (0008,0080) LO [Universitätsklinik\\東京]
        (0008,0090) PN [Yamada^Tarou=山田^太郎=やまだ^たろう\\=王^小東\Smith^John^^Dr.^PhD]
        (0008,1190) UR [https://pacs.example/studies/1.2.3?x=a&y=b]
        (0010,0010) PN [Doe^Jane]
        (0010,1010) AS [042Y]
        (0010,21b0) LT [line one\ with a backslash]
        (0010,0218) UT [unlimited ü text]
        (0018,0050) DS [1.50]
        (0020,0032) DS [-12.5\+.5\1e3\-0\0.0001]
        (0020,0013) IS [+012]
        (0020,0011) IS [7]
        (0028,0010) US 512
        (0028,0011) US 0\65535
        (0028,0120) SS -2000
        (0020,9165) AT (0020,0032)\(7fe0,0010)
        (0008,1161) UL 0\4294967295
        (0018,9089) FD 1.5\-2.25\1e-300
        (0040,a30a) DS (no value available)
        (0010,0030) DA (no value available)
        (0008,1140) SQ (Sequence with explicit length #=3)
        (fffe,e000) na (Item with explicit length #=2)
        (0008,1155) UI [1.2.3.4]
        (0040,a043) SQ (Sequence with explicit length #=2)
        (fffe,e000) na (Item with explicit length #=2)
        (0008,0100) SH [T-D1100]
        (0008,0104) LO [Head é]
        (fffe,e00d) na (ItemDelimitationItem for re-encoding)
        (fffe,e000) na (Item with explicit length #=0)
        (fffe,e00d) na (ItemDelimitationItem for re-encoding)
        (fffe,e0dd) na (SequenceDelimitationItem for re-encod.)
        (fffe,e00d) na (ItemDelimitationItem for re-encoding)
        (fffe,e000) na (Item with explicit length #=0)
        (fffe,e00d) na (ItemDelimitationItem for re-encoding)
        (fffe,e000) na (Item with explicit length #=1)
        (0008,1155) UI [1.2.3.5]
        (fffe,e00d) na (ItemDelimitationItem for re-encoding)
        (fffe,e0dd) na (SequenceDelimitationItem for re-encod.)
        (0011,0010) LO [HOUNSFIELD TEST]
        (0011,1001) FL 1.5\-0.1\3.4028235e38
        (0011,1002) FD 3.141592653589793
        (0011,1003) SL -5\-2147483648\2147483647
        (0011,1004) SV 42\-9223372036854775808\9007199254740993
        (0011,1005) UV 42\18446744073709551615
        (0011,1006) UC [one\\thrée]
        (0011,1007) ST [short text]
        (0011,1008) OD 1\-2.5
        (0011,1009) OF 1\-2.5
        (0011,100a) OL 1\2
        (0011,100b) OV 1\2
        (0011,100c) OW 0001\0002\ffff
        (0011,100d) UN de\ad\be\ef
        (0011,100e) LO [private à la carte]
        (0011,100f) OB (no value available)
        (0042,0011) OB 25\50\44\46\2d\00
        """;

    // Latin-1 text in a data set that declares ISO_IR 100: the reader must keep that character set.
    private const string Latin1 = """
        (0008,0005) CS [ISO_IR 100]
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
        (0008,0018) UI [1.2.826.0.1.3680043.9.7433.1.2]
        (0008,0080) LO [Ärztehaus Köln]
        (0010,0010) PN [Müller^Jürgen]
        (0010,4000) LT [Bemerkung: größer]
        """;

    private const string Pixels = """
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
        (0008,0018) UI [1.2.826.0.1.3680043.9.7433.1.3]
        (0028,0002) US 1
        (0028,0004) CS [MONOCHROME2]
        (0028,0010) US 100
        (0028,0011) US 1000
        (0028,0100) US 16
        (0028,0101) US 16
        (0028,0102) US 15
        (0028,0103) US 0
        (7fe0,0010) OW =pixels.raw
        """;

    private const string Encapsulated = """
        (0002,0010) UI [1.2.840.10008.1.2.4.50]
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.7]
        (0008,0018) UI [1.2.826.0.1.3680043.9.7433.1.4]
        (0028,0010) US 1
        (0028,0011) US 1
        (7fe0,0010) OB (PixelSequence #=3)
        (fffe,e000) pi 00\00\00\00
        (fffe,e000) pi ff\d8\ff\d9
        (fffe,e000) pi ff\d8\01\02\ff\d9
        (fffe,e0dd) na (SequenceDelimitationItem)
        """;

    public DcmtkSamples()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hounsfield-dcmtk-").FullName;
        var pixels = new byte[200_000];
        new Random(11).NextBytes(pixels);
        File.WriteAllBytes(Path.Combine(Directory, "pixels.raw"), pixels);
        try
        {
            Files = new Dictionary<string, string>
            {
                ["rich"] = Make("rich", Rich),
                ["rich-implicit"] = Make("rich-implicit", Rich, "+ti"),
                ["rich-big-endian"] = Make("rich-big-endian", Rich, "+tb"),
                ["latin1"] = Make("latin1", Latin1, encoding: System.Text.Encoding.Latin1),
                ["pixels"] = Make("pixels", Pixels),
                ["encapsulated"] = Make("encapsulated", Encapsulated),
            };
        }
        catch
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            throw;
        }
    }

    public string Directory { get; }

    /// <summary>Sample name to file path.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    public string this[string name] => Files[name];

    public string TempFile(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    // dump2dcm copies the dump's bytes into the values: write it in the character set the dump declares.
    private string Make(string name, string dump, string? transferSyntax = null, System.Text.Encoding? encoding = null)
    {
        var dumpPath = Path.Combine(Directory, name + ".dump");
        dump = dump.Replace("\r\n", "\n").Replace("=pixels.raw", "=" + Path.Combine(Directory, "pixels.raw")) + "\n";
        File.WriteAllBytes(dumpPath, (encoding ?? new System.Text.UTF8Encoding(false)).GetBytes(dump));
        var dicomPath = Path.Combine(Directory, name + ".dcm");
        var arguments = new List<string>();
        if (transferSyntax is not null) arguments.Add(transferSyntax);
        arguments.AddRange(["+l", "1000000", dumpPath, dicomPath]);
        Dcmtk.Run("dump2dcm", arguments);
        return dicomPath;
    }
}
