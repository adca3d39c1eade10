namespace Hounsfield.Dicom.Codecs.Jpeg2000.Tier2;

/// <summary>One packet: a layer of one precinct of one resolution of one component.</summary>
internal readonly record struct PacketId(int Layer, int Resolution, int Component, int Precinct);
