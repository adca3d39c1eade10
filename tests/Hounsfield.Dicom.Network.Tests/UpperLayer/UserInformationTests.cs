using System.Text;
using Hounsfield.Dicom.Network.UpperLayer;
using static Hounsfield.Dicom.Network.Tests.TestBytes;

namespace Hounsfield.Dicom.Network.Tests.UpperLayer;

/// <summary>Each user information sub-item, byte for byte (PS3.7 Annex D.3.3, PS3.8 Annex D).</summary>
public class UserInformationTests
{
    private const string CT = "1.2.840.10008.5.1.4.1.1.2";        // 25 chars
    private const string Storage = "1.2.840.10008.4.2";           // 17 chars

    private static byte[] EncodeItem(UserInformation info)
    {
        var buffer = new byte[4 + info.ValueLength];
        var w = new PduSpanWriter(buffer);
        info.Write(ref w);
        return buffer;
    }

    private static UserInformation DecodeItem(byte[] item)
    {
        Assert.Equal(0x50, item[0]);
        return UserInformation.Read(new PduSpanReader(item.AsSpan(4)));
    }

    private static void AssertExact(UserInformation info, byte[] expected)
    {
        Assert.Equal(Hex(expected), Hex(EncodeItem(info)));
    }

    [Fact]
    public void MaximumLength_0x51()
    {
        var vector = H("50 00 0008  51 00 0004 0001FFFF");
        AssertExact(new UserInformation { MaximumLength = 0x1FFFF }, vector);
        Assert.Equal(0x1FFFFu, DecodeItem(vector).MaximumLength);
    }

    [Fact]
    public void ImplementationClassUidAndVersionName_0x52_0x55()
    {
        var vector = Cat(H("50 00 0018"), H("52 00 0007"), A("1.2.3.4"), H("55 00 0009"), A("HOUNSFELD"));
        var info = new UserInformation { HasMaximumLength = false, ImplementationClassUid = "1.2.3.4", ImplementationVersionName = "HOUNSFELD" };
        AssertExact(info, vector);
        var decoded = DecodeItem(vector);
        Assert.False(decoded.HasMaximumLength);
        Assert.Equal("1.2.3.4", decoded.ImplementationClassUid);
        Assert.Equal("HOUNSFELD", decoded.ImplementationVersionName);
    }

    [Fact]
    public void AsynchronousOperationsWindow_0x53()
    {
        var vector = H("50 00 0008  53 00 0004 0005 0000");
        AssertExact(new UserInformation { HasMaximumLength = false, AsynchronousOperationsWindow = new(5, 0) }, vector);
        Assert.Equal(new AsynchronousOperationsWindow(5, 0), DecodeItem(vector).AsynchronousOperationsWindow);
    }

    [Fact]
    public void ScpScuRoleSelection_0x54()
    {
        // UID length (2) + 25 + SCU role + SCP role = 29 = 0x1D.
        var vector = Cat(H("50 00 0021"), H("54 00 001D 0019"), A(CT), H("00 01"));
        var info = new UserInformation { HasMaximumLength = false };
        info.RoleSelections.Add(new ScpScuRoleSelection(CT, ScuRole: false, ScpRole: true));
        AssertExact(info, vector);
        Assert.Equal(new ScpScuRoleSelection(CT, false, true), Assert.Single(DecodeItem(vector).RoleSelections));
    }

    [Fact]
    public void SopClassExtendedNegotiation_0x56()
    {
        // Storage SCP level 2, signature level 3, element coercion 1 (PS3.4 B.3.1): 6 bytes of application information.
        var vector = Cat(H("50 00 0025"), H("56 00 0021 0019"), A(CT), H("02 00 03 00 01 00"));
        var info = new UserInformation { HasMaximumLength = false };
        info.ExtendedNegotiations.Add(new SopClassExtendedNegotiation(CT, [2, 0, 3, 0, 1, 0]));
        AssertExact(info, vector);
        var decoded = Assert.Single(DecodeItem(vector).ExtendedNegotiations);
        Assert.Equal(CT, decoded.SopClassUid);
        Assert.Equal(new byte[] { 2, 0, 3, 0, 1, 0 }, decoded.ServiceClassApplicationInformation);
    }

    [Fact]
    public void SopClassCommonExtendedNegotiation_0x57()
    {
        // 2+25 (SOP) + 2+17 (service) + 2 + (2+25) related = 75 = 0x4B; the second header byte is the version, 0.
        var vector = Cat(
            H("50 00 004F"),
            H("57 00 004B"),
            H("0019"), A("1.2.840.10008.5.1.4.1.1.9"),
            H("0011"), A(Storage),
            H("001B"), H("0019"), A(CT));
        var info = new UserInformation { HasMaximumLength = false };
        info.CommonExtendedNegotiations.Add(new SopClassCommonExtendedNegotiation("1.2.840.10008.5.1.4.1.1.9", Storage, [CT]));
        AssertExact(info, vector);
        var decoded = Assert.Single(DecodeItem(vector).CommonExtendedNegotiations);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.9", decoded.SopClassUid);
        Assert.Equal(Storage, decoded.ServiceClassUid);
        Assert.Equal([CT], decoded.RelatedGeneralSopClassUids);
    }

    [Theory]
    [InlineData(UserIdentityType.Username, "alice", "", false)]
    [InlineData(UserIdentityType.UsernameAndPasscode, "alice", "s3cret", true)]
    [InlineData(UserIdentityType.Kerberos, "TICKET", "", true)]
    [InlineData(UserIdentityType.Saml, "<saml:Assertion/>", "", true)]
    [InlineData(UserIdentityType.Jwt, "eyJhbGciOi.x.y", "", false)]
    public void UserIdentityRq_0x58(UserIdentityType type, string primary, string secondary, bool positive)
    {
        var p = Encoding.UTF8.GetBytes(primary);
        var s = Encoding.UTF8.GetBytes(secondary);
        var valueLength = 1 + 1 + 2 + p.Length + 2 + s.Length;
        var vector = Cat(
            H($"50 00 {4 + valueLength:X4}"),
            H($"58 00 {valueLength:X4}"),
            [(byte)type, positive ? (byte)1 : (byte)0],
            H($"{p.Length:X4}"), p,
            H($"{s.Length:X4}"), s);
        var info = new UserInformation { HasMaximumLength = false, UserIdentity = new UserIdentityNegotiation(type, positive, p, s) };
        AssertExact(info, vector);
        var decoded = DecodeItem(vector).UserIdentity!;
        Assert.Equal(type, decoded.Type);
        Assert.Equal(positive, decoded.PositiveResponseRequested);
        Assert.Equal(primary, decoded.PrimaryText);
        Assert.Equal(secondary, decoded.SecondaryText);
    }

    [Fact]
    public void UserIdentityFactories_SetTypeAndFields()
    {
        Assert.Equal(UserIdentityType.UsernameAndPasscode, UserIdentityNegotiation.ForUsernameAndPasscode("u", "p").Type);
        Assert.Equal("p", UserIdentityNegotiation.ForUsernameAndPasscode("u", "p").SecondaryText);
        Assert.Equal(UserIdentityType.Jwt, UserIdentityNegotiation.ForJwt("t").Type);
        Assert.Equal(UserIdentityType.Saml, UserIdentityNegotiation.ForSaml("a").Type);
        Assert.Equal(UserIdentityType.Kerberos, UserIdentityNegotiation.ForKerberos([1]).Type);
        Assert.Equal(UserIdentityType.Username, UserIdentityNegotiation.ForUsername("u").Type);
    }

    [Fact]
    public void UserIdentityAc_0x59()
    {
        var vector = H("50 00 0009  59 00 0005 0003 010203");
        var info = new UserInformation { HasMaximumLength = false, UserIdentityResponse = new UserIdentityServerResponse([1, 2, 3]) };
        AssertExact(info, vector);
        Assert.Equal(new byte[] { 1, 2, 3 }, DecodeItem(vector).UserIdentityResponse!.ServerResponse);
    }

    [Fact]
    public void UnknownSubItems_AreSkipped()
    {
        // A 0x5F sub-item of 3 bytes between two known ones.
        var vector = H("50 00 0013  51 00 0004 00004000  5F 00 0003 010203  53 00 0004 0001 0001");
        var info = DecodeItem(vector);
        Assert.Equal(16384u, info.MaximumLength);
        Assert.Equal(new AsynchronousOperationsWindow(1, 1), info.AsynchronousOperationsWindow);
    }

    [Fact]
    public void SubItemsAreWrittenInAscendingTypeOrder()
    {
        var info = new UserInformation
        {
            MaximumLength = 1,
            ImplementationClassUid = "1.2",
            ImplementationVersionName = "V",
            AsynchronousOperationsWindow = new(1, 1),
            UserIdentity = UserIdentityNegotiation.ForUsername("u"),
        };
        info.RoleSelections.Add(new ScpScuRoleSelection("1.2", true, true));
        info.ExtendedNegotiations.Add(new SopClassExtendedNegotiation("1.2", [1]));
        info.CommonExtendedNegotiations.Add(new SopClassCommonExtendedNegotiation("1.2", "1.3", []));
        var bytes = EncodeItem(info);
        var types = new List<byte>();
        for (var at = 4; at < bytes.Length; at += 4 + (bytes[at + 2] << 8 | bytes[at + 3])) types.Add(bytes[at]);
        Assert.Equal(new byte[] { 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58 }, types);
        var back = DecodeItem(bytes);
        Assert.Equal("V", back.ImplementationVersionName);
        Assert.Equal("u", back.UserIdentity!.PrimaryText);
    }
}
