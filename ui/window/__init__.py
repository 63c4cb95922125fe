"""The application and its main window: start-up, menus and actions, dialogs, crashes, screenshots."""
