namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// User Identity sub-item of an A-ASSOCIATE-AC (0x59, PS3.7 D.3.3.7.2): the acceptor's answer
/// to a request that asked for a positive response, for example a Kerberos server ticket or a SAML
/// response; empty for username identities.
/// </summary>
/// <param name="ServerResponse">The response bytes.</param>
public sealed record UserIdentityServerResponse(byte[] ServerResponse)
{
    internal int ValueLength => 2 + ServerResponse.Length;

    internal void WriteValue(ref PduSpanWriter w)
    {
        w.WriteUInt16(ServerResponse.Length);
        w.WriteBytes(ServerResponse);
    }

    internal static UserIdentityServerResponse Read(PduSpanReader r)
    {
        var length = r.ReadUInt16("server response length");
        var response = r.ReadBytes(length, "server response").ToArray();
        if (!r.IsEmpty)
        {
            throw new PduFormatException(
                $"User Identity (AC) sub-item has {r.Remaining} bytes after its fields",
                AbortReason.InvalidPduParameterValue, r.Offset);
        }
        return new(response);
    }
}
