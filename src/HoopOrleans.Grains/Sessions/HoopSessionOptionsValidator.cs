using Microsoft.Extensions.Options;

namespace HoopOrleans.Sessions;

[OptionsValidator]
public sealed partial class HoopSessionOptionsValidator : IValidateOptions<HoopSessionOptions>;
