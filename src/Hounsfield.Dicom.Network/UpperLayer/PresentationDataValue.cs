namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// One Presentation Data Value item of a P-DATA-TF PDU (PS3.8 §9.3.5.1 and Annex E.2): a fragment
/// of a DIMSE command or data set for one presentation context. <see cref="Data"/> may point into
/// a receive buffer that is reused by the next receive call.
/// </summary>
public readonly struct PresentationDataValue
{
    /// <summary>Creates a PDV.</summary>
    public PresentationDataValue(byte presentationContextId, bool isCommand, bool isLastFragment, ReadOnlyMemory<byte> data)
    {
        PresentationContextId = presentationContextId;
        IsCommand = isCommand;
        IsLastFragment = isLastFragment;
        Data = data;
    }

    /// <summary>Size of a PDV item's header: 4-byte item length, context ID, message control header.</summary>
    public const int HeaderLength = 6;

    /// <summary>The presentation context the fragment belongs to.</summary>
    public byte PresentationContextId { get; }

    /// <summary>True for a command fragment, false for a data set fragment (bit 0 of the message control header).</summary>
    public bool IsCommand { get; }

    /// <summary>True for the last fragment of the command or data set (bit 1 of the message control header).</summary>
    public bool IsLastFragment { get; }

    /// <summary>The fragment's bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The message control header byte (PS3.8 Annex E.2).</summary>
    public byte MessageControlHeader => MakeMessageControlHeader(IsCommand, IsLastFragment);

    internal static byte MakeMessageControlHeader(bool isCommand, bool isLast) =>
        (byte)((isCommand ? 1 : 0) | (isLast ? 2 : 0));

    /// <inheritdoc/>
    public override string ToString() =>
        $"PDV context {PresentationContextId} {(IsCommand ? "command" : "data set")}{(IsLastFragment ? " last" : "")} {Data.Length} bytes";
}
