namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// SOP Class Common Extended Negotiation sub-item (0x57, PS3.7 D.3.3.6): tells the acceptor which
/// service class a (possibly private or new) SOP class belongs to and which general SOP classes it
/// specializes. Sent only in A-ASSOCIATE-RQ.
/// </summary>
/// <param name="SopClassUid">The SOP class being described.</param>
/// <param name="ServiceClassUid">The service class the SOP class belongs to.</param>
/// <param name="RelatedGeneralSopClassUids">General SOP classes this one specializes, possibly none.</param>
public sealed record SopClassCommonExtendedNegotiation(
    string SopClassUid, string ServiceClassUid, IReadOnlyList<string> RelatedGeneralSopClassUids)
{
    /// <summary>The sub-item version this implementation writes and reads (PS3.7 Table D.3-12).</summary>
    public const byte SubItemVersion = 0;

    internal int RelatedLength
    {
        get
        {
            var n = 0;
            foreach (var uid in RelatedGeneralSopClassUids) n += 2 + uid.Length;
            return n;
        }
    }

    internal int ValueLength => 2 + SopClassUid.Length + 2 + ServiceClassUid.Length + 2 + RelatedLength;

    internal void WriteValue(ref PduSpanWriter w)
    {
        w.WriteUInt16(SopClassUid.Length);
        w.WriteAscii(SopClassUid);
        w.WriteUInt16(ServiceClassUid.Length);
        w.WriteAscii(ServiceClassUid);
        w.WriteUInt16(RelatedLength);
        foreach (var uid in RelatedGeneralSopClassUids)
        {
            w.WriteUInt16(uid.Length);
            w.WriteAscii(uid);
        }
    }

    internal static SopClassCommonExtendedNegotiation Read(PduSpanReader r)
    {
        var sopLength = r.ReadUInt16("common extended negotiation SOP class UID length");
        var sop = r.ReadAscii(sopLength, "common extended negotiation SOP class UID");
        var serviceLength = r.ReadUInt16("service class UID length");
        var service = r.ReadAscii(serviceLength, "service class UID");
        var relatedLength = r.ReadUInt16("related general SOP class identification length");
        var related = r.ReadItem(relatedLength, "related general SOP class identification");
        var uids = new List<string>();
        while (!related.IsEmpty)
        {
            var n = related.ReadUInt16("related general SOP class UID length");
            uids.Add(related.ReadAscii(n, "related general SOP class UID"));
        }
        if (!r.IsEmpty)
        {
            throw new PduFormatException(
                $"SOP Class Common Extended Negotiation sub-item has {r.Remaining} bytes after its fields",
                AbortReason.InvalidPduParameterValue, r.Offset);
        }
        return new(sop, service, uids);
    }
}
