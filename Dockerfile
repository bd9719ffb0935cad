# syntax=docker/dockerfile:1
# Base images are pinned to an exact patch version, never a floating tag. At release time pin them by digest as
# well, so a rebuild cannot pick up a re-pushed tag:
#   docker buildx imagetools inspect mcr.microsoft.com/dotnet/aspnet:10.0.12 --format '{{json .Manifest.Digest}}'
#   FROM mcr.microsoft.com/dotnet/aspnet:10.0.12@sha256:<digest>
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/OpenFero.DaemonSet/OpenFero.DaemonSet.csproj src/OpenFero.DaemonSet/packages.lock.json src/OpenFero.DaemonSet/
COPY src/OpenFero.DaemonSet.Semantics/OpenFero.DaemonSet.Semantics.csproj src/OpenFero.DaemonSet.Semantics/packages.lock.json src/OpenFero.DaemonSet.Semantics/
# The lock files decide every package version, transitive ones included; a restore that would change them fails.
RUN dotnet restore src/OpenFero.DaemonSet/OpenFero.DaemonSet.csproj --locked-mode
# Only the product's projects: the simulator and the playground are not part of the image.
COPY src/OpenFero.DaemonSet/ src/OpenFero.DaemonSet/
COPY src/OpenFero.DaemonSet.Semantics/ src/OpenFero.DaemonSet.Semantics/
RUN dotnet publish src/OpenFero.DaemonSet/OpenFero.DaemonSet.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "OpenFero.DaemonSet.dll"]
CMD ["serve"]
