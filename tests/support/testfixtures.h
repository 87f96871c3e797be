// SPDX-License-Identifier: MIT
// Test fixtures more than one test needs: the ResponseAssembler options of the assembler tests, a configuration that
// points every Kiro endpoint at the fake upstream.
#pragma once

#include <QProcessEnvironment>
#include <QString>

#include "common/expected.h"
#include "config/config.h"
#include "kiro/responseassembler.h"

namespace TestFixtures {

/// A fixed client model and message id, an input estimate of 42, a 200k context window.
inline ResponseAssembler::Options assemblerOptions(bool thinking = false)
{
    ResponseAssembler::Options o;
    o.clientModel = QStringLiteral("claude-sonnet-4-5-20250929");
    o.messageId = QStringLiteral("msg_0123456789abcdef0123456789abcdef");
    o.thinkingRequested = thinking;
    o.inputTokenEstimate = 42;
    o.contextWindow = 200000;
    return o;
}

/// The defaults with `dataDir`, any port, `apiKey`, the file secret store, and every endpoint at `fakeUrl`.
inline Expected<Config, QString> fakeBackedConfig(const QString &dataDir, const QString &fakeUrl, const QString &apiKey)
{
    ConfigOverrides o;
    o.dataDir = dataDir;
    auto c = Config::load(o, QProcessEnvironment());
    if (!c)
        return c;
    c->port = 0;
    c->apiKey = apiKey;
    c->secretStore = QStringLiteral("file");
    c->apiEndpoint = c->socialAuthEndpoint = c->idcAuthEndpoint = fakeUrl;
    return c;
}

} // namespace TestFixtures
