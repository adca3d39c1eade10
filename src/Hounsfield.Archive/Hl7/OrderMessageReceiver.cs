using Hounsfield.Archive.Worklist;

namespace Hounsfield.Archive.Hl7;

/// <summary>
/// Answers each MLLP block: ORM^O01 order messages are applied to the worklist and acknowledged AA; a message
/// that is understood but cannot be applied (a required field missing, an unknown order) AE; one that is
/// malformed, too long or of another type AR. Every AE and AR is logged.
/// </summary>
public sealed class OrderMessageReceiver(WorklistStore store, WorklistOptions options, Action<string>? log = null)
{
    /// <summary>The acknowledgement payload (unframed) for <paramref name="frame"/>.</summary>
    public byte[] Handle(MllpFrame frame)
    {
        var (text, encoding) = Hl7TextEncoding.Decode(frame.Payload, options.FallbackCharacterSet);
        Hl7Message? message = null;
        try
        {
            message = Hl7Parser.Parse(text);
            if (frame.Oversized)
                throw new Hl7Exception(Hl7ErrorCode.ApplicationInternalError, $"the message is longer than {options.MaxHl7MessageBytes} bytes", rejected: true);
            Check(message);
            var changes = OrderMessageMapper.Map(message, encoding.DicomTerm);
            Apply(changes);
            log?.Invoke($"HL7 {message.MessageType}^{message.TriggerEvent} {message.ControlId}: " + string.Join(", ", changes.Select(c => $"{c.OrderControl} {c.Key}")));
            return encoding.Encode(Hl7Acknowledgement.Build(message, "AA", options.Hl7ApplicationName, characterSet: encoding.Hl7Name));
        }
        catch (Hl7Exception e)
        {
            return Refuse(message, encoding, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failure of ours (e.g. the database): the sender should retry, so AE rather than AR.
            return Refuse(message, encoding, new Hl7Exception(Hl7ErrorCode.ApplicationInternalError, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private byte[] Refuse(Hl7Message? message, Hl7TextEncoding encoding, Hl7Exception error)
    {
        var code = error.Rejected ? "AR" : "AE";
        log?.Invoke($"HL7 {(message is null ? "message" : message.MessageType + "^" + message.TriggerEvent + " " + message.ControlId)} answered {code}: {error.Message}");
        return encoding.Encode(Hl7Acknowledgement.Build(message, code, options.Hl7ApplicationName, error, encoding.Hl7Name));
    }

    private static void Check(Hl7Message message)
    {
        if (message.ControlId.Length == 0) throw new Hl7Exception(Hl7ErrorCode.RequiredFieldMissing, "MSH-10 (message control ID) is empty", rejected: true, "MSH^1^10");
        if (message.Version.Length > 0 && !message.Version.StartsWith("2.", StringComparison.Ordinal))
            throw new Hl7Exception(Hl7ErrorCode.UnsupportedVersionId, $"HL7 version '{message.Version}' is not 2.x", rejected: true, "MSH^1^12");
        if (message.MessageType != "ORM")
            throw new Hl7Exception(Hl7ErrorCode.UnsupportedMessageType, $"message type '{message.MessageType}' is not supported (ORM^O01 only)", rejected: true, "MSH^1^9");
        if (message.TriggerEvent is not ("O01" or ""))
            throw new Hl7Exception(Hl7ErrorCode.UnsupportedEventCode, $"event '{message.TriggerEvent}' is not supported (ORM^O01 only)", rejected: true, "MSH^1^9^2");
    }

    // Every change is checked before any is applied, so a rejected message changes nothing.
    private void Apply(IReadOnlyList<OrderChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Action == OrderAction.New || store.Get(change.Key) is not null) continue;
            if (change.Action == OrderAction.Cancel && store.FindByAccessionNumber(change.AccessionNumber).Count > 0) continue;
            throw new Hl7Exception(Hl7ErrorCode.UnknownKeyIdentifier, $"order {change.Key} is not on the worklist ({change.OrderControl})", location: "ORC^1^1");
        }
        foreach (var change in changes)
        {
            switch (change.Action)
            {
                case OrderAction.Cancel:
                    if (!store.Remove(change.Key)) store.CompleteAsync(change.AccessionNumber, null).GetAwaiter().GetResult();
                    break;
                case OrderAction.Change when change.Item!.GetString(Dicom.DicomTag.StudyInstanceUID) is null:
                    // A change keeps the study the item was scheduled with.
                    if (store.Get(change.Key)?.GetString(Dicom.DicomTag.StudyInstanceUID) is { } study) change.Item.Set(Dicom.DicomTag.StudyInstanceUID, study);
                    store.AddOrReplace(change.Item);
                    break;
                default:
                    store.AddOrReplace(change.Item!);
                    break;
            }
        }
    }
}
