using HoopOrleans.Api;

await using var app = ApiApplication.Create(args);
try
{
    await app.StartAsync();
}
catch (Exception refused)
{
    // The host has logged why (a listen address refused without keys, a setting, a certificate
    // file); stop what did start, then say it once more where an operator starting it by hand looks.
    await app.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    await Console.Error.WriteLineAsync($"HoopOrleans did not start: {refused.Message}");
    return 1;
}

await app.WaitForShutdownAsync();
return 0;
