# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/OpenFero.DaemonSet/OpenFero.DaemonSet.csproj src/OpenFero.DaemonSet/
COPY src/OpenFero.DaemonSet.Semantics/OpenFero.DaemonSet.Semantics.csproj src/OpenFero.DaemonSet.Semantics/
COPY src/OpenFero.DaemonSet.Simulation/OpenFero.DaemonSet.Simulation.csproj src/OpenFero.DaemonSet.Simulation/
RUN dotnet restore src/OpenFero.DaemonSet/OpenFero.DaemonSet.csproj
COPY src/ src/
RUN dotnet publish src/OpenFero.DaemonSet/OpenFero.DaemonSet.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "OpenFero.DaemonSet.dll"]
CMD ["serve"]
