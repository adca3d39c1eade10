namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>Packet progression orders (T.800 Table A.16).</summary>
internal enum ProgressionOrder : byte
{
    /// <summary>Layer, resolution, component, position.</summary>
    LRCP = 0,

    /// <summary>Resolution, layer, component, position.</summary>
    RLCP = 1,

    /// <summary>Resolution, position, component, layer.</summary>
    RPCL = 2,

    /// <summary>Position, component, resolution, layer.</summary>
    PCRL = 3,

    /// <summary>Component, position, resolution, layer.</summary>
    CPRL = 4,
}
