using Microsoft.Extensions.Options;

namespace HoopOrleans.Api.Security;

/// <summary>Refuses a trusted uid that is not a number, naming the key.</summary>
internal sealed class LocalCallerOptionsValidator : IValidateOptions<LocalCallerOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalCallerOptions options) => options.Uids() is null
        ? ValidateOptionsResult.Fail($"{LocalCallerOptions.Section}:TrustedLocalUids must list uids as numbers (0 to 4294967295).")
        : ValidateOptionsResult.Success;
}
