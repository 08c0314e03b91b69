using Microsoft.Extensions.Options;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Runs the start-up validation of every option registered with <c>ValidateOnStart</c> before the
/// app touches its database or serves anything, and turns a failure into one line per missing
/// setting — what is missing and how to make it — instead of a stack trace, or a 500 later.
/// </summary>
public static class StartupChecks
{
    public static bool Pass(IServiceProvider services, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures.Distinct(StringComparer.Ordinal))
            {
                errors.WriteLine("MeToo cannot start: " + failure);
            }

            return false;
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.All(e => e is OptionsValidationException))
        {
            foreach (var failure in aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).Distinct(StringComparer.Ordinal))
            {
                errors.WriteLine("MeToo cannot start: " + failure);
            }

            return false;
        }
    }
}
