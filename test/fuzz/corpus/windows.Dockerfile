# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Invoke-WebRequest -Uri https://example.com/setup.exe -OutFile C:\setup.exe ; `
    Start-Process C:\setup.exe -ArgumentList '/quiet' -Wait ; `
    Remove-Item C:\setup.exe
ENV ADMIN_PASSWORD=P@ssw0rd123
USER ContainerAdministrator
CMD ["cmd.exe"]
