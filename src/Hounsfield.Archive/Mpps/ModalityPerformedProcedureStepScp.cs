using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Mpps;

/// <summary>
/// The Modality Performed Procedure Step SCP (PS3.4 F.7): N-CREATE of IN PROGRESS steps, N-SET
/// while they are IN PROGRESS, the state rules of F.7.2.2.3, storage in the workflow database, and
/// the registered observers told of each committed change.
/// </summary>
public sealed class ModalityPerformedProcedureStepScp
{
    /// <summary>The Error Comment of Table F.7.2-2 for an N-SET of a COMPLETED or DISCONTINUED step.</summary>
    public const string NoLongerUpdatableComment = "Performed Procedure Step Object may no longer be updated";

    /// <summary>The Error ID (0000,0903) of Table F.7.2-2 that goes with <see cref="NoLongerUpdatableComment"/>.</summary>
    public const ushort NoLongerUpdatableErrorId = 0xA710;

    private readonly Action<string>? _log;

    /// <summary>Serves steps kept in <paramref name="store"/>.</summary>
    public ModalityPerformedProcedureStepScp(PerformedProcedureStepStore store, Action<string>? log = null)
    {
        Store = store;
        _log = log;
    }

    /// <summary>The SOP class served: Modality Performed Procedure Step.</summary>
    public static IReadOnlyList<string> SopClasses { get; } = [DicomUid.ModalityPerformedProcedureStep.Value];

    /// <summary>Where the steps are kept (list, find).</summary>
    public PerformedProcedureStepStore Store { get; }

    /// <summary>
    /// Told of every committed change, in order of registration (the MPPS relay, worklist completion).
    /// Register before the host starts.
    /// </summary>
    public IList<IPerformedProcedureStepObserver> Observers { get; } = [];

    /// <summary>N-CREATE (PS3.4 F.7.2.1).</summary>
    public async Task<DimseResponse> CreateAsync(NCreateRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        var attributes = request.Dataset ?? new DicomDataset();
        var (missing, empty) = ModalityPerformedProcedureStepAttributes.CheckType1(attributes, create: true);
        if (missing.Count > 0)
            return Refuse(request, DimseStatus.MissingAttribute, $"missing {Names(missing)}", missing);
        if (empty.Count > 0)
            return Refuse(request, DimseStatus.MissingAttributeValue, $"no value for {Names(empty)}", empty);
        var status = attributes.GetString(DicomTag.PerformedProcedureStepStatus);
        if (status != PerformedProcedureStepStatus.InProgress)
            return Refuse(request, DimseStatus.InvalidAttributeValue, $"Performed Procedure Step Status must be IN PROGRESS, not '{status}'", [DicomTag.PerformedProcedureStepStatus]);
        if (InvalidDateOrTime(attributes) is { } invalid)
            return Refuse(request, DimseStatus.InvalidAttributeValue, $"{invalid.Keyword} '{attributes.GetString(invalid)}' is not a valid value", [invalid]);

        var uid = request.AffectedSopInstanceUid ?? DicomUid.Generate().Value;
        if (!Store.TryCreate(uid, context.CallingAETitle, attributes))
            return Refuse(request, DimseStatus.DuplicateSopInstance, $"a Performed Procedure Step {uid} exists already", []);
        _log?.Invoke($"MPPS {uid} created IN PROGRESS by {context.CallingAETitle}");
        await NotifyAsync(new PerformedProcedureStepChange(context.CallingAETitle, true, uid, attributes, status)).ConfigureAwait(false);
        var response = request.CreateResponse(DimseStatus.Success);
        response.AffectedSopInstanceUid = uid;
        return response;
    }

    /// <summary>N-SET (PS3.4 F.7.2.2).</summary>
    public async Task<DimseResponse> SetAsync(NSetRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        var uid = request.RequestedSopInstanceUid ?? "";
        var modifications = request.Dataset ?? new DicomDataset();
        var notAllowed = modifications.Select(e => e.Tag).Where(t => !ModalityPerformedProcedureStepAttributes.AllowedInSet.Contains(t)).ToList();
        if (notAllowed.Count > 0)
            return Refuse(request, DimseStatus.NoSuchAttribute, $"N-SET may not change {Names(notAllowed)}", notAllowed);
        var (_, empty) = ModalityPerformedProcedureStepAttributes.CheckType1(modifications, create: false);
        if (empty.Count > 0)
            return Refuse(request, DimseStatus.MissingAttributeValue, $"no value for {Names(empty)}", empty);
        var status = modifications.GetString(DicomTag.PerformedProcedureStepStatus);
        if (modifications.Contains(DicomTag.PerformedProcedureStepStatus) && !PerformedProcedureStepStatus.IsValid(status))
            return Refuse(request, DimseStatus.InvalidAttributeValue, $"'{status}' is not IN PROGRESS, COMPLETED or DISCONTINUED", [DicomTag.PerformedProcedureStepStatus]);
        if (InvalidDateOrTime(modifications) is { } invalid)
            return Refuse(request, DimseStatus.InvalidAttributeValue, $"{invalid.Keyword} '{modifications.GetString(invalid)}' is not a valid value", [invalid]);

        var (outcome, step) = Store.TrySet(uid, modifications);
        switch (outcome)
        {
            case PerformedProcedureStepSetOutcome.NoSuchInstance:
                return Refuse(request, DimseStatus.NoSuchObjectInstance, $"no Performed Procedure Step {uid}", []);
            case PerformedProcedureStepSetOutcome.NoLongerUpdatable:
                _log?.Invoke($"MPPS N-SET of {uid} from {context.CallingAETitle} refused: it is {step!.Status}");
                var refused = request.CreateResponse(DimseStatus.ProcessingFailure, NoLongerUpdatableComment);
                refused.ErrorId = NoLongerUpdatableErrorId;
                return refused;
            case PerformedProcedureStepSetOutcome.CharacterSetConflict:
                return Refuse(request, DimseStatus.InvalidAttributeValue,
                    $"Specific Character Set differs from the step's ({step!.Attributes.GetString(DicomTag.SpecificCharacterSet)})", [DicomTag.SpecificCharacterSet]);
        }
        _log?.Invoke($"MPPS {uid} set by {context.CallingAETitle}: {step!.Status}");
        await NotifyAsync(new PerformedProcedureStepChange(context.CallingAETitle, false, uid, modifications, step!.Status)).ConfigureAwait(false);
        return request.CreateResponse(DimseStatus.Success);
    }

    /// <summary>
    /// The change is committed, so every observer runs to its end even if the association drops
    /// meanwhile (a relay must still queue it): observers get no cancellation and must be quick.
    /// </summary>
    private async Task NotifyAsync(PerformedProcedureStepChange change)
    {
        foreach (var observer in Observers.ToArray())
        {
            try
            {
                await observer.OnChangedAsync(change, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The change is committed: the SCU still gets success, the failure is for the operator.
                _log?.Invoke($"MPPS observer {observer.GetType().Name} failed for {change.SopInstanceUid}: {e.Message}");
            }
        }
    }

    private static DicomTag? InvalidDateOrTime(DicomDataset attributes)
    {
        foreach (var tag in new[] { DicomTag.PerformedProcedureStepStartDate, DicomTag.PerformedProcedureStepEndDate })
            if (attributes.GetString(tag) is { Length: > 0 } date && !DicomDateTimeParser.TryParseDate(date, out _)) return tag;
        foreach (var tag in new[] { DicomTag.PerformedProcedureStepStartTime, DicomTag.PerformedProcedureStepEndTime })
            if (attributes.GetString(tag) is { Length: > 0 } time && !DicomDateTimeParser.TryParseTime(time, out _)) return tag;
        return null;
    }

    private static DimseResponse Refuse(DimseRequest request, DimseStatus status, string comment, IReadOnlyList<DicomTag> offending) =>
        request.CreateResponse(status, comment, [.. offending]);

    private static string Names(IEnumerable<DicomTag> tags) => string.Join(", ", tags.Select(t => t.Keyword ?? t.ToString()));
}
