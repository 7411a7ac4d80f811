package dev.tierfeed.stack; final class Placeholder {}
