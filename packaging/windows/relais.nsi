; Relais for Windows: per-machine installer (Program Files, Start menu, uninstaller), French and
; English. Made by scripts/windows.sh:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DDIST=<folder> -DUNINSTALL_LIST=<file.nsh>
;            -DOUTFILE=<setup.exe> relais.nsi
; Silent: Relais-VERSION-setup.exe /S [/D=C:\Other\Folder]   then   uninstall.exe /S
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include "MUI2.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "-DVERSION=... is required"
!endif
!ifndef DIST
  !error "-DDIST=<the Relais folder> is required"
!endif
!ifndef UNINSTALL_LIST
  !error "-DUNINSTALL_LIST=<the Delete lines for the folder's files> is required"
!endif
!ifndef OUTFILE
  !define OUTFILE "Relais-${VERSION}-setup.exe"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Relais"

Name "Relais ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Relais"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "Relais ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Relais"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "Relais ${VERSION} setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "Relais"

!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\relais.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default one (a French desk); the language dialog offers the other.
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString DESC_UNINSTALL ${LANG_FRENCH} "Désinstaller Relais"
LangString DESC_UNINSTALL ${LANG_ENGLISH} "Uninstall Relais"
LangString DESC_COMMENT ${LANG_FRENCH} "Abonnés, abonnements et fichiers de routage du service diffusion"
LangString DESC_COMMENT ${LANG_ENGLISH} "Subscribers, subscriptions and mailing files of the circulation department"
LangString DESC_DATA_KEPT ${LANG_FRENCH} "Les bases de données des postes restent dans le dossier de chaque utilisateur (%LOCALAPPDATA%\Relais)."
LangString DESC_DATA_KEPT ${LANG_ENGLISH} "Each user's desk databases stay in their own folder (%LOCALAPPDATA%\Relais)."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Relais requires 64-bit Windows. / Relais demande Windows 64 bits."
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Relais"
  SetOutPath "$INSTDIR"
  File /r "${DIST}/*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\Relais"
  CreateShortcut "$SMPROGRAMS\Relais\Relais.lnk" "$INSTDIR\relais.exe" "" "$INSTDIR\relais.exe" 0 \
    SW_SHOWNORMAL "" "$(DESC_COMMENT)"
  CreateShortcut "$SMPROGRAMS\Relais\$(DESC_UNINSTALL).lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "Relais"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\relais.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "Relais"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  DetailPrint "$(DESC_DATA_KEPT)"
SectionEnd

; Removes what the installer wrote, file by file (UNINSTALL_LIST, made from the same folder):
; never a recursive delete of a folder a user may have chosen, and never the desks' databases.
Section "Uninstall"
  !include "${UNINSTALL_LIST}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Relais\*.lnk"
  RMDir "$SMPROGRAMS\Relais"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
