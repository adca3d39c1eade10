namespace Hounsfield.Dicom.Network.Dimse;

/// <summary>The class of a DIMSE status code (PS3.7 Annex C).</summary>
public enum DimseStatusState
{
    /// <summary>0000H.</summary>
    Success,
    /// <summary>0001H, 0107H, 0116H, Bxxx.</summary>
    Warning,
    /// <summary>Every other code: Axxx, Cxxx, 01xx, 02xx.</summary>
    Failure,
    /// <summary>FE00H.</summary>
    Cancel,
    /// <summary>FF00H, FF01H.</summary>
    Pending,
}

/// <summary>
/// A DIMSE status (0000,0900) with its PS3.7 meaning. Named values come from PS3.7 Annex C and the
/// service definitions of PS3.4; a code can mean different things in different services (B000H is
/// "coercion of data elements" for C-STORE and "sub-operations complete, one or more failures" for
/// C-MOVE/C-GET), so both names exist for it.
/// </summary>
public readonly record struct DimseStatus(ushort Code)
{
    /// <summary>The status class of <see cref="Code"/>.</summary>
    public DimseStatusState State => Code switch
    {
        0x0000 => DimseStatusState.Success,
        0xFE00 => DimseStatusState.Cancel,
        0xFF00 or 0xFF01 => DimseStatusState.Pending,
        0x0001 or 0x0107 or 0x0116 => DimseStatusState.Warning,
        >= 0xB000 and <= 0xBFFF => DimseStatusState.Warning,
        _ => DimseStatusState.Failure,
    };

    /// <summary>True for Success.</summary>
    public bool IsSuccess => State == DimseStatusState.Success;

    /// <summary>True for Pending.</summary>
    public bool IsPending => State == DimseStatusState.Pending;

    /// <summary>True for Failure.</summary>
    public bool IsFailure => State == DimseStatusState.Failure;

    /// <summary>Success (0000H).</summary>
    public static readonly DimseStatus Success = new(0x0000);
    /// <summary>Pending (FF00H): matches are continuing, or sub-operations are continuing.</summary>
    public static readonly DimseStatus Pending = new(0xFF00);
    /// <summary>Pending (FF01H): matches are continuing, one or more optional keys were not supported.</summary>
    public static readonly DimseStatus PendingWithWarnings = new(0xFF01);
    /// <summary>Cancel (FE00H): terminated due to a C-CANCEL (or, for the Carestream Load Manager, an instance not asked for).</summary>
    public static readonly DimseStatus Cancel = new(0xFE00);

    /// <summary>Warning 0001H: requested optional attributes are not supported.</summary>
    public static readonly DimseStatus AttributeListErrorOptional = new(0x0001);
    /// <summary>Warning 0107H: attribute list error.</summary>
    public static readonly DimseStatus AttributeListError = new(0x0107);
    /// <summary>Warning 0116H: attribute value out of range.</summary>
    public static readonly DimseStatus AttributeValueOutOfRange = new(0x0116);
    /// <summary>Warning B000H (C-STORE): coercion of data elements.</summary>
    public static readonly DimseStatus CoercionOfDataElements = new(0xB000);
    /// <summary>Warning B000H (C-MOVE, C-GET): sub-operations complete, one or more failures or warnings.</summary>
    public static readonly DimseStatus SubOperationsCompleteWithFailures = new(0xB000);
    /// <summary>Warning B006H (C-STORE): elements discarded.</summary>
    public static readonly DimseStatus ElementsDiscarded = new(0xB006);
    /// <summary>Warning B007H (C-STORE): data set does not match SOP class.</summary>
    public static readonly DimseStatus DataSetDoesNotMatchSopClassWarning = new(0xB007);

    /// <summary>Failure 0105H: no such attribute.</summary>
    public static readonly DimseStatus NoSuchAttribute = new(0x0105);
    /// <summary>Failure 0106H: invalid attribute value.</summary>
    public static readonly DimseStatus InvalidAttributeValue = new(0x0106);
    /// <summary>Failure 0110H: processing failure.</summary>
    public static readonly DimseStatus ProcessingFailure = new(0x0110);
    /// <summary>Failure 0111H: duplicate SOP instance.</summary>
    public static readonly DimseStatus DuplicateSopInstance = new(0x0111);
    /// <summary>Failure 0112H: no such SOP instance.</summary>
    public static readonly DimseStatus NoSuchObjectInstance = new(0x0112);
    /// <summary>Failure 0113H: no such event type.</summary>
    public static readonly DimseStatus NoSuchEventType = new(0x0113);
    /// <summary>Failure 0114H: no such argument.</summary>
    public static readonly DimseStatus NoSuchArgument = new(0x0114);
    /// <summary>Failure 0115H: invalid argument value.</summary>
    public static readonly DimseStatus InvalidArgumentValue = new(0x0115);
    /// <summary>Failure 0117H: invalid object instance.</summary>
    public static readonly DimseStatus InvalidObjectInstance = new(0x0117);
    /// <summary>Failure 0118H: no such SOP class.</summary>
    public static readonly DimseStatus NoSuchSopClass = new(0x0118);
    /// <summary>Failure 0119H: class-instance conflict.</summary>
    public static readonly DimseStatus ClassInstanceConflict = new(0x0119);
    /// <summary>Failure 0120H: missing attribute.</summary>
    public static readonly DimseStatus MissingAttribute = new(0x0120);
    /// <summary>Failure 0121H: missing attribute value.</summary>
    public static readonly DimseStatus MissingAttributeValue = new(0x0121);
    /// <summary>Failure 0122H: refused, SOP class not supported.</summary>
    public static readonly DimseStatus SopClassNotSupported = new(0x0122);
    /// <summary>Failure 0123H: no such action type.</summary>
    public static readonly DimseStatus NoSuchActionType = new(0x0123);
    /// <summary>Failure 0124H: refused, not authorized.</summary>
    public static readonly DimseStatus NotAuthorized = new(0x0124);
    /// <summary>Failure 0210H: duplicate invocation.</summary>
    public static readonly DimseStatus DuplicateInvocation = new(0x0210);
    /// <summary>Failure 0211H: unrecognized operation.</summary>
    public static readonly DimseStatus UnrecognizedOperation = new(0x0211);
    /// <summary>Failure 0212H: mistyped argument.</summary>
    public static readonly DimseStatus MistypedArgument = new(0x0212);
    /// <summary>Failure 0213H: resources limitation.</summary>
    public static readonly DimseStatus ResourceLimitation = new(0x0213);
    /// <summary>Failure A700H (C-STORE, C-FIND): refused, out of resources.</summary>
    public static readonly DimseStatus OutOfResources = new(0xA700);
    /// <summary>Failure A701H (C-MOVE, C-GET): out of resources, unable to calculate number of matches.</summary>
    public static readonly DimseStatus OutOfResourcesUnableToCalculateMatches = new(0xA701);
    /// <summary>Failure A702H (C-MOVE, C-GET): out of resources, unable to perform sub-operations.</summary>
    public static readonly DimseStatus OutOfResourcesUnableToPerformSubOperations = new(0xA702);
    /// <summary>Failure A801H (C-MOVE): move destination unknown.</summary>
    public static readonly DimseStatus MoveDestinationUnknown = new(0xA801);
    /// <summary>Failure A900H: data set does not match SOP class (C-STORE), identifier does not match SOP class (C-FIND/MOVE/GET).</summary>
    public static readonly DimseStatus DataSetDoesNotMatchSopClass = new(0xA900);
    /// <summary>Failure C000H: cannot understand.</summary>
    public static readonly DimseStatus CannotUnderstand = new(0xC000);

    /// <summary>"0000H Success" style text.</summary>
    public override string ToString() => $"{Code:X4}H {State}";
}
