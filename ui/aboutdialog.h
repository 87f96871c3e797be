// SPDX-License-Identifier: MIT
// AboutDialog: version, Qt versions, data folder, licence and where the documentation is.
#pragma once

#include <QDialog>
#include <QUrl>

class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)
public:
    explicit AboutDialog(const QString &dataDir, QWidget *parent = nullptr);

    /// The README: the copy installed next to the program when there is one, else the project's page.
    static QUrl readmeUrl();
    /// The licence text, found the same way.
    static QUrl licenseUrl();
};
