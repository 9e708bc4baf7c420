package io.clarity.app.ui.settings

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Card
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.livedata.observeAsState
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import io.clarity.app.R
import io.clarity.app.data.ModelInfo
import io.clarity.app.ui.BackIcon
import java.util.Locale

/** Stateful About screen. */
@Composable
fun AboutScreen(viewModel: AboutViewModel, onBack: () -> Unit) {
    val state by viewModel.uiState.observeAsState()
    val current = state ?: return
    AboutContent(current, onBack)
}

/** Stateless About content: version, models with their measured quality and training data, every library's licence. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun AboutContent(state: AboutUiState, onBack: () -> Unit = {}) {
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(R.string.about_title)) },
                navigationIcon = { IconButton(onClick = onBack) { BackIcon() } },
            )
        },
    ) { padding ->
        LazyColumn(
            modifier = Modifier.fillMaxSize().testTag("about"),
            contentPadding = PaddingValues(
                start = 24.dp, end = 24.dp,
                top = padding.calculateTopPadding() + 16.dp,
                bottom = padding.calculateBottomPadding() + 24.dp,
            ),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            item {
                Text(stringResource(R.string.about_version, state.version()), style = MaterialTheme.typography.titleMedium)
            }
            item { Hint(stringResource(R.string.about_privacy)) }
            item { Section(stringResource(R.string.about_models)) }
            items(state.models(), key = { it.entry().id() }) { model -> ModelCard(model) }
            item { Section(stringResource(R.string.about_licences)) }
            item { Hint(stringResource(R.string.about_licences_count, state.libraries().size)) }
            items(state.libraries(), key = { it.coordinates() }) { library ->
                Column(verticalArrangement = Arrangement.spacedBy(2.dp)) {
                    Text(library.name().ifEmpty { library.coordinates() }, style = MaterialTheme.typography.bodyMedium)
                    Hint(library.coordinates())
                    if (library.url().isNotEmpty()) Hint(library.url())
                    for (licence in library.licences()) Hint(licence)
                }
            }
        }
    }
}

@Composable
private fun ModelCard(model: AboutUiState.Model) {
    fun db(v: Double) = String.format(Locale.getDefault(), "%.2f", v)
    val e = model.entry()
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            val kind = stringResource(if (model.kind() == ModelInfo.Kind.FAST) R.string.model_fast else R.string.model_detail)
            Text("$kind ×${e.scale()} · ${e.id()}", style = MaterialTheme.typography.titleSmall)
            Text(
                stringResource(R.string.about_model_quality, db(e.set5()), db(e.set14()), db(e.set5Int8()), db(e.set14Int8())),
                style = MaterialTheme.typography.bodyMedium,
            )
            Hint(stringResource(R.string.about_model_size, String.format(Locale.getDefault(), "%,d", e.parameters()), e.scale()))
            if (model.trainedOn().isNotEmpty()) Hint(stringResource(R.string.about_trained_on, model.trainedOn()))
        }
    }
}
