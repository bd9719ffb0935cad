using System.Net;
using k8s.Autorest;
using OpenFero.DaemonSet.Kubernetes;

namespace OpenFero.DaemonSet.Tests.Kubernetes;

/// <summary>Read-change-write again on a 409, and only on a 409.</summary>
public sealed class ConflictRetryTests
{
    [Fact]
    public async Task A_conflict_reads_and_writes_again_until_the_write_lands()
    {
        var attempts = 0;

        var written = await ConflictRetry.RunAsync(() => ++attempts < 3 ? throw Answer(HttpStatusCode.Conflict) : Task.FromResult("written"));

        Assert.Equal(("written", 3), (written, attempts));
    }

    [Fact]
    public async Task After_the_last_attempt_the_conflict_is_the_callers()
    {
        var attempts = 0;

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => ConflictRetry.RunAsync(() =>
        {
            attempts++;
            throw Answer(HttpStatusCode.Conflict);
        }, attempts: 3));

        Assert.Equal((HttpStatusCode.Conflict, 3), (conflict.Response.StatusCode, attempts));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Any_other_answer_is_not_retried(HttpStatusCode status)
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ConflictRetry.RunAsync(() =>
        {
            attempts++;
            throw Answer(status);
        }));

        Assert.Equal((status, 1), (error.Response.StatusCode, attempts));
    }

    internal static HttpOperationException Answer(HttpStatusCode status) =>
        new($"answered {(int)status}") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(status), "") };
}
