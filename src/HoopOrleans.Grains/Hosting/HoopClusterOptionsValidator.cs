using Microsoft.Extensions.Options;

namespace HoopOrleans.Hosting;

[OptionsValidator]
public sealed partial class HoopClusterOptionsValidator : IValidateOptions<HoopClusterOptions>;
