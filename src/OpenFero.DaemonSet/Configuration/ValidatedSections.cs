using Microsoft.Extensions.Options;

namespace OpenFero.DaemonSet.Configuration;

/// <summary>
/// Options bound from their configuration section and validated when the host starts. Every verb registers every
/// section (a bad setting stops whichever verb reads the configuration), and a feature registers the sections it
/// needs, so a section registered twice is registered once.
/// </summary>
public static class ValidatedSections
{
    public static IServiceCollection AddValidatedSection<TOptions>(this IServiceCollection services, string section, Action<OptionsBuilder<TOptions>>? more = null)
        where TOptions : class
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(Registered<TOptions>)))
        {
            return services;
        }

        services.AddSingleton<Registered<TOptions>>();
        var options = services.AddOptions<TOptions>().BindConfiguration(section);
        more?.Invoke(options);
        options.ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>Marks <typeparamref name="TOptions"/> as bound and validated.</summary>
    private sealed class Registered<TOptions>;
}
