using Hounsfield.Dicom.Network.UpperLayer;
using static Hounsfield.Dicom.Network.Tests.TestBytes;

namespace Hounsfield.Dicom.Network.Tests.UpperLayer;

/// <summary>Malformed input must give a clear error, never a large allocation or a hang.</summary>
public class MalformedPduTests
{
    private static PduFormatException DecodeFails(byte[] pdu, uint maxPData = 0)
    {
        return Assert.Throws<PduFormatException>(() => PduReader.Decode(pdu, maxPData));
    }

    [Fact]
    public void UnknownPduType_IsUnrecognizedPdu()
    {
        var e = DecodeFails(H("08 00 00000004 00000000"));
        Assert.Equal(AbortReason.UnrecognizedPdu, e.Reason);
        Assert.Contains("0x08", e.Message);
    }

    [Theory]
    [InlineData("03 00 00000005 0001010700")]
    [InlineData("05 00 00000003 000000")]
    [InlineData("07 00 00000000")]
    public void FixedLengthPdus_WithWrongLength_AreRejected(string hex)
    {
        var e = DecodeFails(H(hex));
        Assert.Equal(AbortReason.InvalidPduParameterValue, e.Reason);
        Assert.Contains("fixes it at 4", e.Message);
    }

    [Fact]
    public void LengthFieldDisagreeingWithData_IsRejected()
    {
        var e = DecodeFails(H("05 00 00000004 000000"));
        Assert.Contains("length field says 4 but 3 bytes follow", e.Message);
    }

    [Fact]
    public void ItemLengthBeyondPdu_IsRejected()
    {
        var bytes = (byte[])PduEncodingTests.AssociateRqVector.Clone();
        // The application context item length (at 6 + 68 + 2) now claims 0x0100 bytes.
        bytes[6 + 68 + 2] = 0x01;
        var e = DecodeFails(bytes);
        Assert.Equal(AbortReason.InvalidPduParameterValue, e.Reason);
        Assert.Contains("only", e.Message);
    }

    [Fact]
    public void UnknownItemTypeInAssociateRq_IsUnrecognizedParameter()
    {
        var rq = PduEncodingTests.AssociateRqVector;
        // Append an unknown item 0x33 of length 0 and fix the PDU length.
        var bytes = Cat(rq, H("33 00 0000"));
        bytes[5] = (byte)(bytes[5] + 4);
        var e = DecodeFails(bytes);
        Assert.Equal(AbortReason.UnrecognizedPduParameter, e.Reason);
        Assert.Contains("0x33", e.Message);
    }

    [Fact]
    public void AssociateRqWithoutPresentationContext_IsRejected()
    {
        var rq = PduEncodingTests.AssociateRqModel();
        rq.PresentationContexts.Clear();
        var e = DecodeFails(PduWriter.Encode(rq));
        Assert.Contains("no presentation context", e.Message);
    }

    [Fact]
    public void AssociateRqShorterThanFixedFields_IsRejected()
    {
        var e = DecodeFails(Cat(H("01 00 00000010"), Zeros(16)));
        Assert.Contains("outside 68", e.Message);
    }

    [Fact]
    public void PdvLengthBeyondPdu_IsRejected()
    {
        var e = DecodeFails(H("04 00 00000008 00000010 01 03 AABB"));
        Assert.Contains("PDV item length 16", e.Message);
    }

    [Fact]
    public void PdvLengthBelowTwo_IsRejected()
    {
        var e = DecodeFails(H("04 00 00000006 00000001 01 03"));
        Assert.Contains("PDV item length 1", e.Message);
    }

    [Fact]
    public void PDataOverOurLimit_IsRejectedFromTheHeaderAlone()
    {
        var e = DecodeFails(Cat(H("04 00 00004001"), Zeros(0x4001)), maxPData: 0x4000);
        Assert.Contains("exceeds the maximum length 16384", e.Message);
    }

    [Fact]
    public async Task HeaderClaiming4GB_FailsAtOnceWithoutAllocating()
    {
        using var stream = new MemoryStream(H("04 00 FFFFFFFF 00000002 01 03"));
        using var reader = new PduReader(stream, maxPDataLength: 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = await Assert.ThrowsAsync<PduFormatException>(async () => await reader.ReadAsync());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("exceeds the maximum length", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task LargeClaimWithinUnlimitedGuard_AllocatesOnlyWhatArrives()
    {
        // 60 MiB claimed, 10 bytes sent, then the stream ends.
        using var stream = new MemoryStream(Cat(H("04 00 03C00000"), Zeros(10)));
        using var reader = new PduReader(stream, maxPDataLength: 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = await Assert.ThrowsAsync<TransportClosedException>(async () => await reader.ReadAsync());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("after 10 of the 62914560 bytes", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task TruncatedHeader_IsTransportClosedMidPdu()
    {
        using var stream = new MemoryStream(H("01 00 00"));
        using var reader = new PduReader(stream, 16384);
        var e = await Assert.ThrowsAsync<TransportClosedException>(async () => await reader.ReadAsync());
        Assert.Contains("after 3 of the 6 bytes of a PDU header", e.Message);
    }

    [Fact]
    public async Task CleanEndBetweenPdus_ReturnsNull()
    {
        using var stream = new MemoryStream(H("05 00 00000004 00000000"));
        using var reader = new PduReader(stream, 16384);
        Assert.IsType<AReleaseRq>(await reader.ReadAsync());
        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task PDataLargerThanFirstChunk_GrowsAndReadsCompletely()
    {
        var data = new byte[300_000];
        new Random(1).NextBytes(data);
        var pdu = PduWriter.Encode(new PDataTf([new PresentationDataValue(1, false, true, data)]));
        using var stream = new MemoryStream(pdu);
        using var reader = new PduReader(stream, 0);
        var read = Assert.IsType<PDataTf>(await reader.ReadAsync());
        Assert.Equal(data, read.Values[0].Data.ToArray());
    }

    [Fact]
    public void TruncationsOfAValidRq_AllFailCleanly()
    {
        var rq = PduEncodingTests.AssociateRqVector;
        for (var cut = 0; cut < rq.Length; cut++)
        {
            var bytes = rq.AsSpan(0, cut).ToArray();
            // Keep the header's length consistent with the truncated body so the item parser sees it.
            if (cut >= 6)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(2), (uint)(cut - 6));
            }
            Assert.Throws<PduFormatException>(() => PduReader.Decode(bytes));
        }
    }
}
