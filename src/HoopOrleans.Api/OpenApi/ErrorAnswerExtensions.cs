using HoopOrleans.Api.Errors;

namespace HoopOrleans.Api.OpenApi;

internal static class ErrorAnswerExtensions
{
    /// <summary>
    /// Says that the routes may answer these statuses with an <see cref="ErrorBody"/>, where no
    /// result type of the handler says so: refusals made before the handler runs (the request
    /// guard, keys and roles, the JSON body filter) and failures <see cref="ApiExceptionHandler"/>
    /// maps. <see cref="ErrorAnswersTransformer"/> describes each status in the document.
    /// </summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ErrorBody), ["application/json"]));
        }

        return builder;
    }
}
