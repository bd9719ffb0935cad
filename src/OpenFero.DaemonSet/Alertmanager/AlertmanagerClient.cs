namespace OpenFero.DaemonSet.Alertmanager;

/// <summary>
/// Alertmanager's v2 API, the three calls the guards make: the firing alerts (active, neither silenced nor
/// inhibited), the silences, and a new silence. Its HttpClient has the base address and the resilience pipeline
/// (<see cref="AlertmanagerResiliencePipeline"/>); an answer that is not a success throws
/// <see cref="HttpRequestException"/> with its status and body, so a failure is reported, never read as "nothing firing".
/// </summary>
public sealed class AlertmanagerClient(HttpClient http)
{
    public Uri? Address => http.BaseAddress;

    public async Task<IReadOnlyList<FiringAlert>> FiringAsync(CancellationToken cancellationToken)
    {
        var alerts = await GetAsync("api/v2/alerts?active=true&silenced=false&inhibited=false", AlertmanagerJson.Default.ListGettableAlert, cancellationToken);
        return [.. alerts.Select(a => new FiringAlert(a.Labels ?? [], a.StartsAt))];
    }

    public async Task<IReadOnlyList<Silence>> SilencesAsync(CancellationToken cancellationToken)
    {
        var silences = await GetAsync("api/v2/silences", AlertmanagerJson.Default.ListGettableSilence, cancellationToken);
        return [.. silences.Select(s => new Silence(s.Id, s.Status?.State ?? "", s.Matchers ?? [], s.StartsAt, s.EndsAt, s.CreatedBy ?? "", s.Comment ?? ""))];
    }

    /// <summary>Creates <paramref name="silence"/>; answers its ID.</summary>
    public async Task<string> CreateSilenceAsync(NewSilence silence, CancellationToken cancellationToken)
    {
        using var answer = await http.PostAsJsonAsync(new Uri("api/v2/silences", UriKind.Relative), silence, AlertmanagerJson.Default.NewSilence, cancellationToken);
        await EnsureSuccessAsync(answer, cancellationToken);
        var created = await answer.Content.ReadFromJsonAsync(AlertmanagerJson.Default.SilenceCreated, cancellationToken);
        return created?.SilenceID ?? throw new HttpRequestException("Alertmanager created the silence but answered no silenceID");
    }

    private async Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(answer, cancellationToken);
        return await answer.Content.ReadFromJsonAsync(type, cancellationToken) ?? throw new HttpRequestException($"Alertmanager answered {path} with null");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        if (!answer.IsSuccessStatusCode)
        {
            var body = (await answer.Content.ReadAsStringAsync(cancellationToken)).Trim();
            throw new HttpRequestException($"Alertmanager answered {(int)answer.StatusCode} {answer.StatusCode}{(body.Length == 0 ? "" : $": {body[..Math.Min(body.Length, 200)]}")}", null, answer.StatusCode);
        }
    }
}
