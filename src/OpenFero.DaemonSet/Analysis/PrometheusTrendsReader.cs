using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Analysis;

/// <summary>
/// Asks Prometheus' HTTP API (<c>POST /api/v1/query</c>, instant queries over ranges) for a DaemonSet's trends when the
/// health analysis includes metrics and <c>Prometheus:Url</c> is set — otherwise sends nothing. A Prometheus that cannot be
/// reached, is slower than <c>Prometheus:Timeout</c> or answers an error makes the trends unavailable, never the analysis.
/// </summary>
public sealed class PrometheusTrendsReader(IHttpClientFactory clients, IOptions<PrometheusOptions> prometheus, IOptions<AnalysisOptions> analysis)
{
    public const string ClientName = "prometheus";

    /// <summary>Null when the trends are not asked for.</summary>
    public async Task<TrendsRead?> ReadAsync(string ns, string daemonSet, CancellationToken cancellationToken)
    {
        if (analysis.Value.DaemonsetHealthAnalysis is not { Enabled: true, IncludeMetrics: true } || prometheus.Value.BaseAddress is not { } baseAddress)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(prometheus.Value.Timeout);
        using var http = clients.CreateClient(ClientName);
        var queries = TrendQueries.For(ns, daemonSet);
        try
        {
            var answers = await Task.WhenAll(new[] { queries.Restarts, queries.MemoryWorkingSet, queries.MemoryLimits, queries.CpuThrottling, queries.Unavailable }
                .Select(query => QueryAsync(http, baseAddress, query, timeout.Token)));
            return new TrendsRead.Measured(new TrendSamples(answers[0], answers[1], answers[2], answers[3], answers[4]));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new TrendsRead.Unavailable($"Prometheus at {baseAddress} did not answer within {prometheus.Value.Timeout.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException error)
        {
            return new TrendsRead.Unavailable($"Prometheus at {baseAddress} could not be reached: {error.Message}");
        }
        catch (FormatException error)
        {
            return new TrendsRead.Unavailable($"Prometheus at {baseAddress} answered {error.Message}");
        }
    }

    private static async Task<IReadOnlyList<PrometheusSample>> QueryAsync(HttpClient http, Uri baseAddress, string query, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("query", query)]);
        using var answer = await http.PostAsync(new Uri(baseAddress, "api/v1/query"), content, cancellationToken);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return PrometheusSample.ParseVector(body);
        }
        catch (FormatException error)
        {
            throw new FormatException($"{(int)answer.StatusCode} {answer.StatusCode}: {error.Message}", error);
        }
    }
}
