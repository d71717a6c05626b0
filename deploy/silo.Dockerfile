# Multi-stage build of the silo: the SDK image publishes, the small ASP.NET runtime image runs it as the
# non-root `app` user that .NET images provide. Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish silo/LiveGraphRec.Silo/LiveGraphRec.Silo.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The trainer's model folder (LGR__Trainer__ModelFolder); a named volume mounted here starts with this owner.
RUN mkdir /models && chown $APP_UID /models
USER $APP_UID
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "LiveGraphRec.Silo.dll", "--urls", "http://0.0.0.0:8080"]
