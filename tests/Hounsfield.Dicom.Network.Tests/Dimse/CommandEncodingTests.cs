using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network.Tests.Dimse;

/// <summary>
/// Command sets against bytes computed by hand from PS3.7 §6.3.1 and Annex E: Implicit VR Little
/// Endian, elements in tag order, Command Group Length (0000,0000) UL first holding the byte count
/// of the elements after it; UIs padded with a NUL, AEs with a space.
/// </summary>
public class CommandEncodingTests
{
    private static byte[] Encode(DimseMessage message)
    {
        var stream = new MemoryStream();
        message.WriteCommand(stream);
        return stream.ToArray();
    }

    [Fact]
    public void CEchoRequest_IsByteExact()
    {
        var rq = new CEchoRequest { MessageId = 1 };
        byte[] expected =
        [
            // (0000,0000) UL 4 = 56: 26 + 10 + 10 + 10 bytes follow
            0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x38, 0x00, 0x00, 0x00,
            // (0000,0002) UI 18 "1.2.840.10008.1.1\0"
            0x00, 0x00, 0x02, 0x00, 0x12, 0x00, 0x00, 0x00,
            (byte)'1', (byte)'.', (byte)'2', (byte)'.', (byte)'8', (byte)'4', (byte)'0', (byte)'.', (byte)'1',
            (byte)'0', (byte)'0', (byte)'0', (byte)'8', (byte)'.', (byte)'1', (byte)'.', (byte)'1', 0x00,
            // (0000,0100) US 2 = 0030H C-ECHO-RQ
            0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x30, 0x00,
            // (0000,0110) US 2 = Message ID 1
            0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00,
            // (0000,0800) US 2 = 0101H, no data set
            0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01,
        ];
        Assert.Equal(expected, Encode(rq));
    }

    [Fact]
    public void CEchoResponse_IsByteExact()
    {
        var rq = new CEchoRequest { MessageId = 0x1234 };
        var rsp = new CEchoResponse(rq, DimseStatus.Success);
        byte[] expected =
        [
            // (0000,0000) UL 4 = 66
            0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x42, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x02, 0x00, 0x12, 0x00, 0x00, 0x00,
            (byte)'1', (byte)'.', (byte)'2', (byte)'.', (byte)'8', (byte)'4', (byte)'0', (byte)'.', (byte)'1',
            (byte)'0', (byte)'0', (byte)'0', (byte)'8', (byte)'.', (byte)'1', (byte)'.', (byte)'1', 0x00,
            // (0000,0100) US = 8030H C-ECHO-RSP
            0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x30, 0x80,
            // (0000,0120) US = Message ID Being Responded To 1234H
            0x00, 0x00, 0x20, 0x01, 0x02, 0x00, 0x00, 0x00, 0x34, 0x12,
            // (0000,0800) US = 0101H
            0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01,
            // (0000,0900) US = 0000H Success
            0x00, 0x00, 0x00, 0x09, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        Assert.Equal(expected, Encode(rsp));
    }

    [Fact]
    public void CStoreRequest_IsByteExact()
    {
        var rq = new CStoreRequest("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", new DicomDataset()) { MessageId = 7 };
        byte[] expected =
        [
            // (0000,0000) UL 4 = 90: 34 + 10 + 10 + 10 + 10 + 16
            0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x5A, 0x00, 0x00, 0x00,
            // (0000,0002) UI 26 "1.2.840.10008.5.1.4.1.1.2\0"
            0x00, 0x00, 0x02, 0x00, 0x1A, 0x00, 0x00, 0x00,
            .. "1.2.840.10008.5.1.4.1.1.2"u8, 0x00,
            // (0000,0100) US = 0001H C-STORE-RQ
            0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00,
            // (0000,0110) US = 7
            0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00,
            // (0000,0700) US = 0000H MEDIUM
            0x00, 0x00, 0x00, 0x07, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
            // (0000,0800) US = a data set follows (anything but 0101H)
            0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
            // (0000,1000) UI 8 "1.2.3.4\0"
            0x00, 0x00, 0x00, 0x10, 0x08, 0x00, 0x00, 0x00, .. "1.2.3.4"u8, 0x00,
        ];
        Assert.Equal(expected, Encode(rq));
    }

    [Fact]
    public void CStoreRequest_AsMoveSubOperation_CarriesTheOriginator()
    {
        var rq = new CStoreRequest("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", new DicomDataset(), DimsePriority.High)
        {
            MessageId = 2,
            MoveOriginatorAeTitle = "MOVESCU",
            MoveOriginatorMessageId = 0x0102,
        };
        var bytes = Encode(rq);
        byte[] tail =
        [
            // (0000,1030) AE 8 "MOVESCU "
            0x00, 0x00, 0x30, 0x10, 0x08, 0x00, 0x00, 0x00, .. "MOVESCU "u8,
            // (0000,1031) US = 0102H
            0x00, 0x00, 0x31, 0x10, 0x02, 0x00, 0x00, 0x00, 0x02, 0x01,
        ];
        Assert.Equal(tail, bytes[^tail.Length..]);
        // Group length: 90 + 16 + 10
        Assert.Equal(116u, BitConverter.ToUInt32(bytes, 8));
        // Priority HIGH
        Assert.Equal([0x00, 0x00, 0x00, 0x07, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00], bytes[(12 + 34 + 10 + 10)..(12 + 34 + 10 + 10 + 10)]);
    }

    [Fact]
    public void WritingTwice_DoesNotDuplicateTheGroupLength()
    {
        var rq = new CEchoRequest { MessageId = 1 };
        var first = Encode(rq);
        Assert.Equal(first, Encode(rq));
        // A command read back (with its group length) re-encodes to the same bytes.
        var again = DimseMessage.ReadCommand(new MemoryStream(first));
        Assert.Equal(first, Encode(again));
    }

    [Fact]
    public void ErrorComment_IsCutToTheLOLimitOf64()
    {
        var rsp = new CEchoRequest().CreateResponse(DimseStatus.ProcessingFailure);
        rsp.ErrorComment = new string('x', 100);
        Assert.Equal(64, rsp.ErrorComment!.Length);
        var back = (DimseResponse)DimseMessage.ReadCommand(new MemoryStream(Encode(rsp)));
        Assert.Equal(new string('x', 64), back.ErrorComment);
    }

    [Fact]
    public void ErrorComment_IsKeptToTheDefaultRepertoire()
    {
        // Exception messages carry any text; a command set has no Specific Character Set.
        var rsp = new CEchoRequest().CreateResponse(DimseStatus.ProcessingFailure);
        rsp.ErrorComment = "Müller ↓ C:\\data\nline2\t\u007f";
        Assert.Equal("M?ller ? C:/data line2", rsp.ErrorComment);
        var back = (DimseResponse)DimseMessage.ReadCommand(new MemoryStream(Encode(rsp)));
        Assert.Equal(rsp.ErrorComment, back.ErrorComment);
        rsp.ErrorComment = null;
        Assert.False(rsp.Command.Contains(DicomTag.ErrorComment));
    }

    [Fact]
    public void UnknownCommandField_IsAFormatError()
    {
        var command = new DicomDataset().Set(DicomTag.CommandField, (ushort)0x0042).Set(DicomTag.CommandDataSetType, (ushort)0x0101);
        var stream = new MemoryStream();
        command.WriteTo(stream, DicomTransferSyntax.ImplicitVRLittleEndian);
        stream.Position = 0;
        Assert.Throws<DicomFormatException>(() => DimseMessage.ReadCommand(stream));
        var none = new MemoryStream();
        new DicomDataset().Set(DicomTag.MessageID, (ushort)1).WriteTo(none, DicomTransferSyntax.ImplicitVRLittleEndian);
        none.Position = 0;
        Assert.Throws<DicomFormatException>(() => DimseMessage.ReadCommand(none));
    }
}
