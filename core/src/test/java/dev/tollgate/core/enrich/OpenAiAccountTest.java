package dev.tollgate.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiAccountTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          /SUBSCRIPTIONS/0000/RESOURCEGROUPS/RG-AI/PROVIDERS/MICROSOFT.COGNITIVESERVICES/ACCOUNTS/CONTOSO-AOAI-EUS2, contoso-aoai-eus2
          /subscriptions/0000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/My-Foundry, my-foundry
          /subscriptions/0000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai/deployments/gpt-4o, aoai
          /SUBSCRIPTIONS/0000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/APIM, -
          /subscriptions/0000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/, -
          -, -
          """)
  void accountFromResourceId(String resourceId, String account) {
    assertThat(OpenAiAccount.fromResourceId(resourceId)).isEqualTo(account);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          https://contoso-aoai-eus2.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21, contoso-aoai-eus2
          https://Contoso-AOAI.OpenAI.Azure.com/openai/v1/responses, contoso-aoai
          https://contoso-ais.cognitiveservices.azure.com/openai/deployments/gpt-4o/embeddings, contoso-ais
          https://contoso-foundry.services.ai.azure.com/openai/v1/chat/completions, contoso-foundry
          https://contoso-aoai.openai.azure.com:443/openai/deployments/x/completions, contoso-aoai
          https://contoso-aoai.openai.azure.com./openai/deployments/x/completions, contoso-aoai
          https://contoso-aoai.openai.azure.com?x=1, contoso-aoai
          https://contoso-aoai.openai.azure.com, contoso-aoai
          https://apim-contoso-ai.azure-api.net/openai/deployments/gpt-4o/chat/completions, -
          https://ai.contoso.com/openai/deployments/gpt-4o/chat/completions, -
          https://a.b.openai.azure.com/openai/v1/responses, -
          https://openai.azure.com/openai/v1/responses, -
          https://evil.com/x.openai.azure.com/openai/v1/responses, -
          https://x.openai.azure.com.evil.com/openai/v1/responses, -
          /openai/deployments/gpt-4o/chat/completions, -
          -, -
          """)
  void accountFromBackendHost(String url, String account) {
    assertThat(OpenAiAccount.fromUrl(url)).isEqualTo(account);
  }
}
