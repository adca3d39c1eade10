using System.Text;

namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// User Identity sub-item of an A-ASSOCIATE-RQ (0x58, PS3.7 D.3.3.7.1): who the requesting user
/// is, as a username, username and passcode, Kerberos ticket, SAML assertion or JWT.
/// </summary>
/// <param name="Type">The kind of identity.</param>
/// <param name="PositiveResponseRequested">True when the requestor wants a User Identity sub-item (0x59) back.</param>
/// <param name="PrimaryField">Username, ticket, assertion or token bytes.</param>
/// <param name="SecondaryField">The passcode for <see cref="UserIdentityType.UsernameAndPasscode"/>, otherwise empty.</param>
public sealed record UserIdentityNegotiation(
    UserIdentityType Type, bool PositiveResponseRequested, byte[] PrimaryField, byte[] SecondaryField)
{
    /// <summary>A username identity.</summary>
    public static UserIdentityNegotiation ForUsername(string username, bool positiveResponseRequested = false) =>
        new(UserIdentityType.Username, positiveResponseRequested, Encoding.UTF8.GetBytes(username), []);

    /// <summary>A username and passcode identity.</summary>
    public static UserIdentityNegotiation ForUsernameAndPasscode(string username, string passcode, bool positiveResponseRequested = false) =>
        new(UserIdentityType.UsernameAndPasscode, positiveResponseRequested,
            Encoding.UTF8.GetBytes(username), Encoding.UTF8.GetBytes(passcode));

    /// <summary>A Kerberos service ticket identity.</summary>
    public static UserIdentityNegotiation ForKerberos(byte[] serviceTicket, bool positiveResponseRequested = true) =>
        new(UserIdentityType.Kerberos, positiveResponseRequested, serviceTicket, []);

    /// <summary>A SAML assertion identity (the assertion's XML text).</summary>
    public static UserIdentityNegotiation ForSaml(string assertion, bool positiveResponseRequested = true) =>
        new(UserIdentityType.Saml, positiveResponseRequested, Encoding.UTF8.GetBytes(assertion), []);

    /// <summary>A JSON Web Token identity.</summary>
    public static UserIdentityNegotiation ForJwt(string token, bool positiveResponseRequested = true) =>
        new(UserIdentityType.Jwt, positiveResponseRequested, Encoding.UTF8.GetBytes(token), []);

    /// <summary>The primary field as UTF-8 text (username, assertion or token).</summary>
    public string PrimaryText => Encoding.UTF8.GetString(PrimaryField);

    /// <summary>The secondary field as UTF-8 text (the passcode).</summary>
    public string SecondaryText => Encoding.UTF8.GetString(SecondaryField);

    internal int ValueLength => 1 + 1 + 2 + PrimaryField.Length + 2 + SecondaryField.Length;

    internal void WriteValue(ref PduSpanWriter w)
    {
        w.WriteByte((byte)Type);
        w.WriteByte(PositiveResponseRequested ? (byte)1 : (byte)0);
        w.WriteUInt16(PrimaryField.Length);
        w.WriteBytes(PrimaryField);
        w.WriteUInt16(SecondaryField.Length);
        w.WriteBytes(SecondaryField);
    }

    internal static UserIdentityNegotiation Read(PduSpanReader r)
    {
        var type = (UserIdentityType)r.ReadByte("user identity type");
        var positive = r.ReadByte("positive response requested") != 0;
        var primaryLength = r.ReadUInt16("primary field length");
        var primary = r.ReadBytes(primaryLength, "primary field").ToArray();
        var secondaryLength = r.ReadUInt16("secondary field length");
        var secondary = r.ReadBytes(secondaryLength, "secondary field").ToArray();
        if (!r.IsEmpty)
        {
            throw new PduFormatException(
                $"User Identity sub-item has {r.Remaining} bytes after its fields",
                AbortReason.InvalidPduParameterValue, r.Offset);
        }
        return new(type, positive, primary, secondary);
    }
}
