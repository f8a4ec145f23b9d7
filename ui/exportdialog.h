#pragma once
// The mailing-house export: one title's delivery list for an issue, written as CSV by the export
// engine on a thread of its own (or as a spreadsheet) (with its own Store), with progress, Cancel and a summary.

#include "csvexport.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Relais::Ui {

class DateField;

class BackgroundJob;

class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    // `store` is the GUI thread's: titles and presets are read from it; the export opens its own.
    ExportDialog(Store &store, QWidget *parent = nullptr);
    ~ExportDialog() override;

    QComboBox *publicationField() const { return m_publication; }
    DateField *dateField() const { return m_date; }
    QComboBox *formatField() const { return m_format; }
    QComboBox *presetField() const { return m_preset; }
    QComboBox *encodingField() const { return m_encoding; }
    QCheckBox *changesSinceBox() const { return m_changesSinceBox; }
    DateField *changesSinceField() const { return m_changesSince; }
    QLineEdit *outputField() const { return m_output; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *resultLabel() const { return m_result; }
    BackgroundJob *job() const { return m_job; }
    bool isRunning() const;

    // The file name offered: "LQC-2026-06-10-routeur.csv" (.xlsx for a spreadsheet) in the clerk's
    // documents folder.
    QString defaultOutputPath() const;
    void startExport();

signals:
    // After each run: ok is false when it failed or was cancelled.
    void exportFinished(bool ok);

public slots:
    void reject() override;

private:
    void publicationChanged();
    void updateDefaultOutput();
    void formatChanged();
    QString formatKey() const;
    void browse();
    void setRunning(bool running);
    void jobFinished(bool cancelRequested);

    using Outcome = std::optional<Result<Csv::ExportSummary>>;

    Store &m_store;
    BackgroundJob *m_job;
    std::shared_ptr<Outcome> m_outcome;
    QString m_outPath;
    QString m_replaceConfirmed; // the file the save dialog already asked to replace
    bool m_outputEdited = false;
    QComboBox *m_publication;
    DateField *m_date;
    QComboBox *m_format;
    QComboBox *m_preset;
    QComboBox *m_encoding;
    QCheckBox *m_changesSinceBox;
    DateField *m_changesSince;
    QLineEdit *m_output;
    QPushButton *m_browse;
    QProgressBar *m_progress;
    QLabel *m_result;
    QLabel *m_error;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QPushButton *m_close;
};

} // namespace Relais::Ui
