using static Hounsfield.Dicom.Network.UpperLayerAction;

namespace Hounsfield.Dicom.Network;

/// <summary>
/// The DICOM upper layer protocol state machine (PS3.8 §9.2). <see cref="Table"/> is Table 9-10
/// transcribed cell by cell (rows Evt1–Evt19, columns Sta1–Sta13), so each transition can be
/// checked against the standard. The machine only decides; the Association class performs the
/// action's I/O.
/// </summary>
internal sealed class AssociationStateMachine
{
    // Empty cells of Table 9-10: the event cannot happen in that state (or is a local misuse).
    private const UpperLayerAction __ = None;

    /// <summary>PS3.8 Table 9-10. Row index = event - 1, column index = state - 1.</summary>
    internal static readonly UpperLayerAction[,] Table =
    {
        //          Sta1 Sta2 Sta3 Sta4 Sta5 Sta6 Sta7 Sta8 Sta9 Sta10 Sta11 Sta12 Sta13
        /* Evt1  */ { AE1, __,  __,  __,  __,  __,  __,  __,  __,  __,   __,   __,   __ },
        /* Evt2  */ { __,  __,  __,  AE2, __,  __,  __,  __,  __,  __,   __,   __,   __ },
        /* Evt3  */ { __,  AA1, AA8, __,  AE3, AA8, AA8, AA8, AA8, AA8,  AA8,  AA8,  AA6 },
        /* Evt4  */ { __,  AA1, AA8, __,  AE4, AA8, AA8, AA8, AA8, AA8,  AA8,  AA8,  AA6 },
        /* Evt5  */ { AE5, __,  __,  __,  __,  __,  __,  __,  __,  __,   __,   __,   __ },
        /* Evt6  */ { __,  AE6, AA8, __,  AA8, AA8, AA8, AA8, AA8, AA8,  AA8,  AA8,  AA7 },
        /* Evt7  */ { __,  __,  AE7, __,  __,  __,  __,  __,  __,  __,   __,   __,   __ },
        /* Evt8  */ { __,  __,  AE8, __,  __,  __,  __,  __,  __,  __,   __,   __,   __ },
        /* Evt9  */ { __,  __,  __,  __,  __,  DT1, __,  AR7, __,  __,   __,   __,   __ },
        /* Evt10 */ { __,  AA1, AA8, __,  AA8, DT2, AR6, AA8, AA8, AA8,  AA8,  AA8,  AA6 },
        /* Evt11 */ { __,  __,  __,  __,  __,  AR1, __,  __,  __,  __,   __,   __,   __ },
        /* Evt12 */ { __,  AA1, AA8, __,  AA8, AR2, AR8, AA8, AA8, AA8,  AA8,  AA8,  AA6 },
        /* Evt13 */ { __,  AA1, AA8, __,  AA8, AA8, AR3, AA8, AA8, AR10, AR3,  AA8,  AA6 },
        /* Evt14 */ { __,  __,  __,  __,  __,  __,  __,  AR4, AR9, __,   __,   AR4,  __ },
        /* Evt15 */ { __,  __,  AA1, AA2, AA1, AA1, AA1, AA1, AA1, AA1,  AA1,  AA1,  __ },
        /* Evt16 */ { __,  AA2, AA3, __,  AA3, AA3, AA3, AA3, AA3, AA3,  AA3,  AA3,  AA2 },
        /* Evt17 */ { __,  AA5, AA4, AA4, AA4, AA4, AA4, AA4, AA4, AA4,  AA4,  AA4,  AR5 },
        /* Evt18 */ { __,  AA2, __,  __,  __,  __,  __,  __,  __,  __,   __,   __,   AA2 },
        /* Evt19 */ { __,  AA1, AA8, __,  AA8, AA8, AA8, AA8, AA8, AA8,  AA8,  AA8,  AA7 },
    };

    private readonly Lock _lock = new();

    public AssociationStateMachine(bool isRequestor) => IsRequestor = isRequestor;

    /// <summary>True on the association-requestor side (decides AR-8's next state).</summary>
    public bool IsRequestor { get; }

    public AssociationState State { get; private set; } = AssociationState.Sta1Idle;

    /// <summary>Called after every transition, for tracing: (from, event, action, to).</summary>
    public Action<AssociationState, AssociationEvent, UpperLayerAction, AssociationState>? Transitioned { get; set; }

    /// <summary>The Table 9-10 cell for <paramref name="evt"/> in <paramref name="state"/>.</summary>
    public static UpperLayerAction Lookup(AssociationEvent evt, AssociationState state) => Table[(int)evt - 1, (int)state - 1];

    /// <summary>
    /// Applies <paramref name="evt"/>: looks up the action and moves to its next state. Returns
    /// <see cref="None"/> and stays put when the cell is empty. <paramref name="acceptable"/> is
    /// AE-6's "A-ASSOCIATE-RQ acceptable by service-provider" condition.
    /// </summary>
    public UpperLayerAction Fire(AssociationEvent evt, bool acceptable = true)
    {
        AssociationState from, to;
        UpperLayerAction action;
        lock (_lock)
        {
            from = State;
            action = Lookup(evt, from);
            if (action == None) return None;
            to = NextState(action, IsRequestor, acceptable);
            State = to;
        }
        Transitioned?.Invoke(from, evt, action, to);
        return action;
    }

    /// <summary>Forces the state for transitions whose cause lies outside Table 9-10 (closing after a local failure).</summary>
    public void ForceState(AssociationState state)
    {
        lock (_lock) State = state;
    }

    /// <summary>The next state each action names in PS3.8 Tables 9-6 to 9-9.</summary>
    public static AssociationState NextState(UpperLayerAction action, bool isRequestor, bool acceptable) => action switch
    {
        AE1 => AssociationState.Sta4AwaitingTransportOpen,
        AE2 => AssociationState.Sta5AwaitingAssociateAcOrRj,
        AE3 => AssociationState.Sta6Established,
        AE4 => AssociationState.Sta1Idle,
        AE5 => AssociationState.Sta2AwaitingAssociateRq,
        AE6 => acceptable ? AssociationState.Sta3AwaitingLocalAssociateResponse : AssociationState.Sta13AwaitingTransportClose,
        AE7 => AssociationState.Sta6Established,
        AE8 => AssociationState.Sta13AwaitingTransportClose,
        DT1 or DT2 => AssociationState.Sta6Established,
        AR1 => AssociationState.Sta7AwaitingReleaseRp,
        AR2 => AssociationState.Sta8AwaitingLocalReleaseResponse,
        AR3 => AssociationState.Sta1Idle,
        AR4 => AssociationState.Sta13AwaitingTransportClose,
        AR5 => AssociationState.Sta1Idle,
        AR6 => AssociationState.Sta7AwaitingReleaseRp,
        AR7 => AssociationState.Sta8AwaitingLocalReleaseResponse,
        AR8 => isRequestor
            ? AssociationState.Sta9CollisionRequestorAwaitingLocalResponse
            : AssociationState.Sta10CollisionAcceptorAwaitingReleaseRp,
        AR9 => AssociationState.Sta11CollisionRequestorAwaitingReleaseRp,
        AR10 => AssociationState.Sta12CollisionAcceptorAwaitingLocalResponse,
        AA1 => AssociationState.Sta13AwaitingTransportClose,
        AA2 or AA3 or AA4 or AA5 => AssociationState.Sta1Idle,
        AA6 or AA7 or AA8 => AssociationState.Sta13AwaitingTransportClose,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an action"),
    };
}
