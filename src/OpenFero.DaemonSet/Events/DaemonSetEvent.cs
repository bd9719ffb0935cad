namespace OpenFero.DaemonSet.Events;

/// <summary>
/// One Event on a DaemonSet: <paramref name="Reason"/> (a CamelCase word), <paramref name="Action"/> (what was done:
/// <see cref="Actions"/>), <paramref name="Message"/> (a sentence a person understands) and <paramref name="Type"/>:
/// <c>Warning</c> when a person must act, <c>Normal</c> otherwise.
/// </summary>
public sealed record DaemonSetEvent(string Reason, string Action, string Message, string Type)
{
    public const string NormalType = "Normal";
    public const string WarningType = "Warning";

    public static DaemonSetEvent Normal(string reason, string action, string message) => new(reason, action, message, NormalType);

    public static DaemonSetEvent Warning(string reason, string action, string message) => new(reason, action, message, WarningType);

    /// <summary>The <c>action</c> of an Event: what the reporting controller did, as <c>kubectl events</c> shows it.</summary>
    public static class Actions
    {
        public const string Analyze = nameof(Analyze);
        public const string Remediate = nameof(Remediate);
        public const string DeletePod = nameof(DeletePod);
        public const string RolloutRestart = nameof(RolloutRestart);
        public const string RolloutUndo = nameof(RolloutUndo);
        public const string WaitForRollout = nameof(WaitForRollout);
        public const string Decline = nameof(Decline);
        public const string CheckTemplates = nameof(CheckTemplates);
        public const string Hold = nameof(Hold);
        public const string Silence = nameof(Silence);
    }
}
