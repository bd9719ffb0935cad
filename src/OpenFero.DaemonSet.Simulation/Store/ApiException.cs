namespace OpenFero.DaemonSet.Simulation.Store;

/// <summary>
/// A failure the API server answers as a <c>Status</c> object: <see cref="Code"/> is the HTTP status,
/// <see cref="Reason"/> the Kubernetes reason (NotFound, AlreadyExists, Conflict, Invalid, Gone, BadRequest…).
/// </summary>
public sealed class ApiException(int code, string reason, string message, ResourceType? type = null, string? name = null)
    : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public ResourceType? Type { get; } = type;
    public string? ObjectName { get; } = name;

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", type, name);

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", type, name);

    public static ApiException Conflict(ResourceType type, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": {detail}", type, name);

    public static ApiException Invalid(ResourceType type, string name, string detail) =>
        new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {detail}", type, name);

    /// <summary>As <c>apierrors.NewForbidden</c>: <c>pods "name" is forbidden: detail</c>.</summary>
    public static ApiException Forbidden(ResourceType type, string name, string detail) =>
        new(403, "Forbidden", $"{type.GroupResource} \"{name}\" is forbidden: {detail}", type, name);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Gone(string message) => new(410, "Expired", message);
}
