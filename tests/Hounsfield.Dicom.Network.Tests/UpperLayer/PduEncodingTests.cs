using Hounsfield.Dicom.Network.UpperLayer;
using static Hounsfield.Dicom.Network.Tests.TestBytes;

namespace Hounsfield.Dicom.Network.Tests.UpperLayer;

/// <summary>
/// Byte-exact vectors written by hand from PS3.8 Tables 9-11 to 9-26 and PS3.7 Tables D.3-1 to
/// D.3-15; lengths were counted by hand, not computed by the code under test.
/// </summary>
public class PduEncodingTests
{
    private const string Verification = "1.2.840.10008.1.1";       // 17 chars
    private const string ImplicitLE = "1.2.840.10008.1.2";         // 17 chars
    private const string AppContext = "1.2.840.10008.3.1.1.1";     // 21 chars

    // A-ASSOCIATE-RQ: 68 fixed + app context (4+21) + one context (4+46) + user info (4+29) = 176 = 0xB0.
    internal static readonly byte[] AssociateRqVector = Cat(
        H("01 00 000000B0"),
        H("0001 0000"), AE("ANY-SCP"), AE("ECHOSCU"), Zeros(32),
        H("10 00 0015"), A(AppContext),
        H("20 00 002E"), H("01 00 00 00"),
        H("30 00 0011"), A(Verification),
        H("40 00 0011"), A(ImplicitLE),
        H("50 00 001D"),
        H("51 00 0004 00004000"),
        H("52 00 0007"), A("1.2.3.4"),
        H("55 00 0006"), A("TEST_1"));

    internal static AAssociateRq AssociateRqModel()
    {
        var rq = new AAssociateRq { CalledAETitle = "ANY-SCP", CallingAETitle = "ECHOSCU" };
        rq.PresentationContexts.Add(new PresentationContextRqItem(1, Verification, [ImplicitLE]));
        rq.UserInformation.MaximumLength = 16384;
        rq.UserInformation.ImplementationClassUid = "1.2.3.4";
        rq.UserInformation.ImplementationVersionName = "TEST_1";
        return rq;
    }

    [Fact]
    public void AAssociateRq_EncodesExactly()
    {
        Assert.Equal(Hex(AssociateRqVector), Hex(PduWriter.Encode(AssociateRqModel())));
    }

    [Fact]
    public void AAssociateRq_Decodes()
    {
        var rq = Assert.IsType<AAssociateRq>(PduReader.Decode(AssociateRqVector));
        Assert.Equal(1, rq.ProtocolVersion);
        Assert.Equal("ANY-SCP", rq.CalledAETitle);
        Assert.Equal("ECHOSCU", rq.CallingAETitle);
        Assert.Equal(AppContext, rq.ApplicationContextName);
        var pc = Assert.Single(rq.PresentationContexts);
        Assert.Equal(1, pc.Id);
        Assert.Equal(Verification, pc.AbstractSyntax);
        Assert.Equal([ImplicitLE], pc.TransferSyntaxes);
        Assert.Equal(16384u, rq.UserInformation.MaximumLength);
        Assert.Equal("1.2.3.4", rq.UserInformation.ImplementationClassUid);
        Assert.Equal("TEST_1", rq.UserInformation.ImplementationVersionName);
    }

    // A-ASSOCIATE-AC: 68 + (4+21) + context (4+25) + user info (4+8) = 134 = 0x86.
    private static readonly byte[] AssociateAcVector = Cat(
        H("02 00 00000086"),
        H("0001 0000"), AE("ANY-SCP"), AE("ECHOSCU"), Zeros(32),
        H("10 00 0015"), A(AppContext),
        H("21 00 0019"), H("01 00 00 00"),
        H("40 00 0011"), A(ImplicitLE),
        H("50 00 0008"),
        H("51 00 0004 00010000"));

    [Fact]
    public void AAssociateAc_EncodesAndDecodesExactly()
    {
        var ac = new AAssociateAc { CalledAETitle = "ANY-SCP", CallingAETitle = "ECHOSCU" };
        ac.PresentationContexts.Add(new PresentationContextAcItem(1, PresentationContextResult.Acceptance, ImplicitLE));
        ac.UserInformation.MaximumLength = 65536;
        Assert.Equal(Hex(AssociateAcVector), Hex(PduWriter.Encode(ac)));

        var decoded = Assert.IsType<AAssociateAc>(PduReader.Decode(AssociateAcVector));
        var pc = Assert.Single(decoded.PresentationContexts);
        Assert.Equal(new PresentationContextAcItem(1, PresentationContextResult.Acceptance, ImplicitLE), pc);
        Assert.Equal(65536u, decoded.UserInformation.MaximumLength);
        Assert.Null(decoded.UserInformation.ImplementationClassUid);
    }

    [Fact]
    public void AAssociateAc_RejectedContextResultsRoundTrip()
    {
        foreach (var result in new[] { PresentationContextResult.UserRejection, PresentationContextResult.NoReason,
                     PresentationContextResult.AbstractSyntaxNotSupported, PresentationContextResult.TransferSyntaxesNotSupported })
        {
            var ac = new AAssociateAc { CalledAETitle = "A", CallingAETitle = "B" };
            ac.PresentationContexts.Add(new PresentationContextAcItem(3, result, ImplicitLE));
            var bytes = PduWriter.Encode(ac);
            // Result/reason is the third byte of the presentation context item value (PS3.8 Table 9-18).
            var itemStart = 6 + 68 + 4 + 21;
            Assert.Equal(0x21, bytes[itemStart]);
            Assert.Equal((byte)result, bytes[itemStart + 6]);
            var decoded = (AAssociateAc)PduReader.Decode(bytes);
            Assert.Equal(result, decoded.PresentationContexts[0].Result);
        }
    }

    [Fact]
    public void AAssociateRj_EncodesAndDecodesExactly()
    {
        var vector = H("03 00 00000004 00 01 01 07");
        var rj = new AAssociateRj(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.CalledAETitleNotRecognized);
        Assert.Equal(Hex(vector), Hex(PduWriter.Encode(rj)));
        var decoded = Assert.IsType<AAssociateRj>(PduReader.Decode(vector));
        Assert.Equal(AssociateRejectResult.RejectedPermanent, decoded.Result);
        Assert.Equal(AssociateRejectSource.ServiceUser, decoded.Source);
        Assert.Equal(7, decoded.Reason);
        Assert.Contains("called AE title not recognized", decoded.Description);
    }

    [Fact]
    public void PDataTf_EncodesAndDecodesExactly()
    {
        // Two PDVs: a last command fragment (header 03) and a non-last data set fragment (header 00).
        var vector = Cat(
            H("04 00 0000000F"),
            H("00000004 01 03 AABB"),
            H("00000003 01 00 CC"));
        var pdu = new PDataTf([
            new PresentationDataValue(1, isCommand: true, isLastFragment: true, new byte[] { 0xAA, 0xBB }),
            new PresentationDataValue(1, isCommand: false, isLastFragment: false, new byte[] { 0xCC }),
        ]);
        Assert.Equal(Hex(vector), Hex(PduWriter.Encode(pdu)));

        var decoded = Assert.IsType<PDataTf>(PduReader.Decode(vector));
        Assert.Equal(2, decoded.Values.Count);
        Assert.True(decoded.Values[0].IsCommand);
        Assert.True(decoded.Values[0].IsLastFragment);
        Assert.Equal("AABB", Hex(decoded.Values[0].Data.ToArray()));
        Assert.False(decoded.Values[1].IsCommand);
        Assert.False(decoded.Values[1].IsLastFragment);
        Assert.Equal("CC", Hex(decoded.Values[1].Data.ToArray()));
    }

    [Fact]
    public void ReleaseAndAbort_EncodeAndDecodeExactly()
    {
        Assert.Equal("05000000000400000000", Hex(PduWriter.Encode(AReleaseRq.Instance)));
        Assert.Equal("06000000000400000000", Hex(PduWriter.Encode(AReleaseRp.Instance)));
        Assert.IsType<AReleaseRq>(PduReader.Decode(H("05 00 00000004 00000000")));
        Assert.IsType<AReleaseRp>(PduReader.Decode(H("06 00 00000004 00000000")));

        var abort = new AAbort(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue);
        Assert.Equal("07000000000400000206", Hex(PduWriter.Encode(abort)));
        var decoded = Assert.IsType<AAbort>(PduReader.Decode(H("07 00 00000004 0000 00 00")));
        Assert.Equal(AbortSource.ServiceUser, decoded.Source);
        Assert.Equal(AbortReason.NotSpecified, decoded.Reason);
    }
}
