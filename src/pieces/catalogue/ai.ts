import type { Piece } from "../types";
import { secretProp, textProp, urlProp } from "./shared";

export const aiPieces: Piece[] = [
  {
    name: "openai",
    displayName: "OpenAI",
    description: "GPT models for text, images, embeddings and speech.",
    category: "AI",
    icon: { letter: "O", color: "#10A37F" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In the OpenAI Platform (platform.openai.com) open Settings → API keys and click "Create new secret key". The key is shown only once.',
        pattern: "^sk-[A-Za-z0-9_-]{20,}$",
        patternHint: 'OpenAI API keys start with "sk-".',
      },
    ],
  },
  {
    name: "anthropic",
    displayName: "Anthropic Claude",
    description: "Claude models for chat, analysis and tool use.",
    category: "AI",
    icon: { slug: "anthropic", letter: "A", color: "#191919" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In the Anthropic Console (console.anthropic.com) open Settings → API keys and click "Create Key".',
        pattern: "^sk-ant-[A-Za-z0-9_-]{20,}$",
        patternHint: 'Anthropic API keys start with "sk-ant-".',
      },
    ],
  },
  {
    name: "mistral-ai",
    displayName: "Mistral AI",
    description: "Mistral and Codestral models.",
    category: "AI",
    icon: { slug: "mistralai", letter: "M", color: "#FA520F" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In Mistral\'s console (console.mistral.ai) open API Keys and click "Create new key".',
        pattern: "^[A-Za-z0-9]{32}$",
        patternHint: "Mistral API keys are 32 letters and digits.",
      },
    ],
  },
  {
    name: "groq",
    displayName: "Groq",
    description: "Fast inference for open models on Groq LPUs.",
    category: "AI",
    icon: { letter: "G", color: "#F55036" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In the GroqCloud console open API Keys (console.groq.com/keys) and click "Create API Key".',
        pattern: "^gsk_[A-Za-z0-9]{20,}$",
        patternHint: 'Groq API keys start with "gsk_".',
      },
    ],
  },
  {
    name: "google-gemini",
    displayName: "Google Gemini",
    description: "Gemini models through the Gemini API.",
    category: "AI",
    icon: { slug: "googlegemini", letter: "G", color: "#8E75B2" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In Google AI Studio (aistudio.google.com) click "Get API key", then "Create API key".',
        pattern: "^AIza[0-9A-Za-z_-]{35}$",
        patternHint: 'Gemini API keys start with "AIza" and are 39 characters long.',
      },
    ],
  },
  {
    name: "deepseek",
    displayName: "DeepSeek",
    description: "DeepSeek chat and reasoning models.",
    category: "AI",
    icon: { slug: "deepseek", letter: "D", color: "#4D6BFE" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'On the DeepSeek Platform (platform.deepseek.com) open API keys and click "Create new API key".',
        pattern: "^sk-[A-Za-z0-9]{20,}$",
        patternHint: 'DeepSeek API keys start with "sk-".',
      },
    ],
  },
  {
    name: "perplexity",
    displayName: "Perplexity",
    description: "Sonar models with web search built in.",
    category: "AI",
    icon: { slug: "perplexity", letter: "P", color: "#1FB8CD" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'On perplexity.ai open Settings → API (API Keys) and click "Create Key"; a payment method is required.',
        pattern: "^pplx-[A-Za-z0-9]{20,}$",
        patternHint: 'Perplexity API keys start with "pplx-".',
      },
    ],
  },
  {
    name: "hugging-face",
    displayName: "Hugging Face",
    description: "Inference Providers and the Hugging Face Hub.",
    category: "AI",
    icon: { slug: "huggingface", letter: "H", color: "#FFD21E" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "Access token",
        description: 'On huggingface.co open Settings → Access Tokens and click "Create new token" (a Read token is enough for inference).',
        pattern: "^hf_[A-Za-z0-9]{30,}$",
        patternHint: 'Hugging Face tokens start with "hf_".',
      },
    ],
  },
  {
    name: "openai-compatible",
    displayName: "OpenAI-compatible API",
    description: "Any server speaking the OpenAI API: Ollama, vLLM, LM Studio, LiteLLM, OpenRouter…",
    category: "AI",
    icon: { letter: "AI", color: "#334155" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Server and key",
        description: "The API base URL (usually ending in /v1) and, if the server needs one, its API key.",
        props: {
          baseUrl: urlProp("Base URL", "The URL that /models and /chat/completions hang off.", "http://localhost:11434/v1"),
          apiKey: secretProp("API key", 'Sent as "Authorization: Bearer …". Leave empty for servers without authentication.', false),
          defaultModel: textProp("Default model", "Model used when a step does not choose one.", { required: false, placeholder: "llama3.1" }),
        },
      },
    ],
  },
];
