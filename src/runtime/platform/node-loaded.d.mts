export declare const LOADED: string;
